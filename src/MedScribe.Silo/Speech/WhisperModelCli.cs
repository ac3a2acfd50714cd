using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Whisper;

namespace MedScribe.Silo.Speech;

/// <summary>
/// <c>MedScribe.Silo whisper-model fetch --model base.en [--quantization q5_1] [--to folder] [--mirror url]</c>
/// downloads a Whisper model into a cache folder (as the host does at first start with
/// <c>Speech:Whisper:AllowDownload</c>; the container build uses it to bake a model into the image), and
/// <c>whisper-model check file</c> says whether a file is a model the host will load.
/// </summary>
public static class WhisperModelCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        try
        {
            switch (args)
            {
                case ["check", var file, ..]:
                {
                    var info = WhisperModelFile.Read(file);
                    await output.WriteLineAsync($"{file}: Whisper {info.Size}, {(info.Multilingual ? $"{info.LanguageCount} languages" : "English only")}, " +
                        $"{info.Tensors} tensors, {info.Bytes >> 20} MB: the host will load it (Speech:Whisper:ModelPath).");
                    return 0;
                }

                case ["fetch", ..] when Option("--model") is { } model:
                {
                    var settings = new WhisperSettings
                    {
                        Model = model,
                        Quantization = Option("--quantization") ?? "none",
                        AllowDownload = true,
                        DownloadMirror = Option("--mirror") ?? "",
                        DownloadTimeout = TimeSpan.FromHours(2),
                    };
                    var folder = Option("--to") ?? Directory.GetCurrentDirectory();
                    var path = (await WhisperModels.LocateAsync(settings, folder, message => output.WriteLine(message), CancellationToken.None)).Path;
                    await output.WriteLineAsync($"{path}: ready; run the host with Speech__Engine=whisper Speech__Whisper__Model={model} Speech__CacheDirectory={folder}" +
                        (settings.Quantization == "none" ? "" : $" Speech__Whisper__Quantization={settings.Quantization}"));
                    return 0;
                }

                default:
                    await error.WriteLineAsync("usage: whisper-model fetch --model <name> [--quantization none|q5_1|q8_0|…] [--to folder] [--mirror url]\n" +
                        "       whisper-model check <file>\n" +
                        $"names: {string.Join(", ", WhisperModels.Names.Keys)}");
                    return 2;
            }
        }
        catch (SpeechEngineException e)
        {
            await error.WriteLineAsync($"whisper-model: {e.Message}");
            return 1;
        }
    }
}
