using MedScribe.Silo.Api;
using MedScribe.Silo.Api.Admin;
using MedScribe.Silo.Api.Dx0;
using MedScribe.Silo.Auth;
using MedScribe.Silo.Extraction;
using MedScribe.Silo.Hosting;
using MedScribe.Silo.Speech;

if (args is ["admin", .. var adminArgs])
{
    return await AdminCli.RunAsync(adminArgs, Console.Out, Console.Error);
}

if (args is ["users", .. var userArgs])
{
    return await PhysicianUsersCli.RunAsync(userArgs, Console.In, Console.Out, Console.Error);
}

if (args is ["whisper-model", .. var whisperArgs])
{
    return await WhisperModelCli.RunAsync(whisperArgs, Console.Out, Console.Error);
}

if (args is ["speech-model", .. var speechArgs])
{
    return await SpeechModelCli.RunAsync(speechArgs, Console.Out, Console.Error);
}

// Settings files sit beside the binaries, so the host behaves the same from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddScribeSettings()
    .AddScribeCluster()
    .AddScribeOperations()
    .AddScribeApi()
    .AddScribeSpeech()
    .AddScribeExtraction()
    .AddScribeDx0();

// Disposed on every exit path so the console logger flushes the start-up failure line.
await using var app = builder.Build();
app.MapScribeOperations();
app.MapScribeApi();
app.MapScribeDx0();
return await app.RunScribeAsync();

/// <summary>The host's entry point, visible to tests.</summary>
public partial class Program;
