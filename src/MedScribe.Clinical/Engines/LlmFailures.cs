using System.ClientModel;

namespace MedScribe.Clinical.Engines;

/// <summary>Which failures of a call to a chat model are worth another attempt, and how to name them without leaking details.</summary>
public static class LlmFailures
{
    public static bool IsTransient(Exception e) => e switch
    {
        OperationCanceledException or HttpRequestException or TimeoutException => true,
        ClientResultException { Status: 0 or 408 or 429 or >= 500 } => true,
        _ => false,
    };

    public static string Describe(Exception e) => e is ClientResultException c ? $"HTTP {c.Status}" : e.GetType().Name;
}
