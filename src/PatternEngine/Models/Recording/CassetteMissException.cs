namespace PatternEngine.Models.Recording;

/// <summary>
/// A replayed cassette holds no answer for a request; replay never falls back to a live call. The measurement records
/// the failed call as a replay, not a live call.
/// </summary>
public sealed class CassetteMissException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CassetteMissException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CassetteMissException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CassetteMissException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CassetteMissException(string cassettePath, string? stageId, string requestHash)
        : base($"the cassette '{cassettePath}' holds no answer for stage '{stageId ?? "(none)"}' (request sha256 {requestHash}); record the run again")
    {
        CassettePath = cassettePath;
        StageId = stageId;
        RequestHash = requestHash;
    }

    /// <summary>The cassette replayed.</summary>
    public string? CassettePath { get; }

    /// <summary>The stage that made the request, when a run made it.</summary>
    public string? StageId { get; }

    /// <summary>The request's key: the SHA-256 of its canonical form, in lowercase hex.</summary>
    public string? RequestHash { get; }
}
