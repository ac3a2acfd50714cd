// Dx0 UI
