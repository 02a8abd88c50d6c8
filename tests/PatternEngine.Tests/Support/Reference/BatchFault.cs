namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// How the reference server's Batch API mishandles a batch (<see cref="ServerConfig.BatchFaults"/>, by the batch's
/// number from 0): it expires part-way, fails some of its lines, or fails validation before any line runs.
/// </summary>
public abstract record BatchFault
{
    /// <summary>The batch expires after answering its first <paramref name="answered"/> lines; the rest go to the error file as <c>batch_expired</c>.</summary>
    public static BatchFault ExpireAfter(int answered) => new Expire(answered);

    /// <summary>The lines whose <c>custom_id</c> <paramref name="fails"/> picks fail with HTTP 500 (in the error file); the rest are answered.</summary>
    public static BatchFault FailLines(Func<string, bool> fails) => new FailSome(fails);

    /// <summary>The batch fails validation: status <c>failed</c>, with an <c>errors</c> list and no output file.</summary>
    public static BatchFault FailValidation { get; } = new Invalid();

    internal sealed record Expire(int Answered) : BatchFault;

    internal sealed record FailSome(Func<string, bool> Fails) : BatchFault;

    internal sealed record Invalid : BatchFault;
}
