using System.Diagnostics;
using System.Text;

namespace MedScribe.Testing;

/// <summary>A process a test starts, whose output it reads and which it can kill like a crash would.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool> _isReadyLine;

    private ChildProcess(Process process, Func<string, bool> isReadyLine)
    {
        _process = process;
        _isReadyLine = isReadyLine;
    }

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Whether the process exited because a port it was given had been taken since it was drawn.</summary>
    public bool LostAPortRace => HasExited && Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Launches a process on ports <paramref name="launch"/> draws and waits until it is ready. A port drawn free can still be
    /// taken by another test assembly's process before this one binds it (CI saw "address already in use" once in a few thousand
    /// starts): then it is launched again on newly drawn ports, up to three times. Returns the process and what the launch drew.
    /// </summary>
    public static async Task<(ChildProcess Process, T Drawn)> StartOnDrawnPortsAsync<T>(Func<(ChildProcess Process, T Drawn)> launch, TimeSpan timeout)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (process, drawn) = launch();
            try
            {
                await process.WaitUntilReadyAsync(timeout);
                return (process, drawn);
            }
            catch (InvalidOperationException) when (attempt < 3 && process.LostAPortRace)
            {
                await process.DisposeAsync();
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt; args…</c> in the dll's folder with extra environment variables.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, Func<string, bool> isReadyLine) =>
        Start("dotnet", [dll, .. arguments], environment, isReadyLine, Path.GetDirectoryName(dll));

    /// <summary>Starts a program with extra environment variables, reading its output line by line.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, Func<string, bool> isReadyLine, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}."), isReadyLine);
        child._process.OutputDataReceived += (_, e) => child.Record(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the first output line that the ready predicate accepts; fails with the output if the process exits first.</summary>
    public async Task<string> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var finished = await Task.WhenAny(_ready.Task, exited, Task.Delay(timeout, cancellationToken));
        if (finished != _ready.Task)
        {
            throw new InvalidOperationException(
                (finished == exited ? $"The process exited ({_process.ExitCode}) before it was ready" : $"The process was not ready after {timeout}") + ":\n" + Output);
        }

        return await _ready.Task;
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The process did not exit within {timeout}:\n{Output}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (_isReadyLine(line))
        {
            _ready.TrySetResult(line);
        }
    }
}
