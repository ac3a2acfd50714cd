using System.Diagnostics.Metrics;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>The Dx0 API's own instruments (meter <c>MedScribe.Dx0</c>), exported on /metrics.</summary>
public sealed class Dx0Metrics
{
    public const string MeterName = "MedScribe.Dx0";

    private readonly Counter<long> _logins;
    private readonly Counter<long> _messages;
    private readonly Counter<double> _spend;
    private readonly Histogram<double> _replySeconds;
    private readonly UpDownCounter<long> _sockets;

    public Dx0Metrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _logins = meter.CreateCounter<long>("dx0.logins", description: "Login attempts by outcome (success, invalid, locked).");
        _messages = meter.CreateCounter<long>("dx0.messages", description: "Diagnostic socket messages by action and outcome (ok or the error code).");
        _spend = meter.CreateCounter<double>("dx0.spend", unit: "USD", description: "Money charged to diagnostic budgets.");
        _replySeconds = meter.CreateHistogram<double>("dx0.reply.duration", unit: "s", description: "Time from a socket message to its last reply.");
        _sockets = meter.CreateUpDownCounter<long>("dx0.sockets.open", description: "Open diagnostic sockets on this silo.");
    }

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Message(string action, string outcome, decimal cost, TimeSpan elapsed)
    {
        _messages.Add(1, new("action", action), new("outcome", outcome));
        if (cost > 0)
        {
            _spend.Add((double)cost);
        }

        _replySeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("action", action));
    }

    public void SocketOpened() => _sockets.Add(1);

    public void SocketClosed() => _sockets.Add(-1);
}
