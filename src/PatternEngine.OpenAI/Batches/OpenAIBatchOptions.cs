namespace PatternEngine.Models.OpenAI;

/// <summary>
/// How calls are gathered into batches for OpenAI's Batch API (<c>AddBatchProviders</c>): a wave of calls to one model
/// closes when it holds <see cref="MaxWaveSize"/> calls, or when no call has joined it for <see cref="QuietInterval"/>;
/// it is then written as one JSONL file, uploaded, submitted, polled every <see cref="PollInterval"/> for at most
/// <see cref="Timeout"/>, and each call answered with its own line of the output file.
/// </summary>
public sealed record OpenAIBatchOptions
{
    /// <summary>The most calls one batch holds; a bench sets it to its runs in flight, so that each of them has a call in the wave.</summary>
    public int MaxWaveSize { get; init; } = 32;

    /// <summary>How long a wave stays open with no new call before it is sent (default 250 ms).</summary>
    public TimeSpan QuietInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a submitted batch's status is asked for (default 30 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch may take from its upload to its output, after which its calls fail as timed out (default 25 h: the API's 24 h window and a margin).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(25);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWaveSize, 1, nameof(MaxWaveSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(QuietInterval, TimeSpan.Zero, nameof(QuietInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
    }
}
