namespace PatternEngine.Conversations;

/// <summary>What a <c>remember</c> or <c>recall</c> stage did to the conversation's memory, measured.</summary>
public sealed record MemoryAccess
{
    /// <summary><c>write</c> (remember) or <c>read</c> (recall).</summary>
    public required string Operation { get; init; }

    /// <summary>Rows written or read (facts).</summary>
    public int Rows { get; init; }

    /// <summary>UTF-8 bytes written or read.</summary>
    public long Bytes { get; init; }

    /// <summary>Time the store took, in milliseconds.</summary>
    public double Ms { get; init; }

    /// <summary>For a read: tokens (o200k_base estimate) the kept facts take; for a write: 0.</summary>
    public long Tokens { get; init; }
}
