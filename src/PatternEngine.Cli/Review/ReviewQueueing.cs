using PatternEngine.Bench.Review;
using PatternEngine.Review;

namespace PatternEngine.Cli.Review;

/// <summary>How <c>run</c> and <c>bench</c> queue the runs a review rule held: in the history file, saying where.</summary>
internal static class ReviewQueueing
{
    /// <summary>Queues <paramref name="submissions"/> in the queue at <paramref name="database"/>; a line for people, or null when none was queued.</summary>
    public static async Task<string?> EnqueueAsync(string database, IEnumerable<ReviewSubmission?> submissions, CancellationToken cancellationToken)
    {
        var held = submissions.OfType<ReviewSubmission>().ToList();
        if (held.Count == 0)
        {
            return null;
        }

        using var queue = SqliteReviewQueue.Open(database);
        var ids = new List<long>(held.Count);
        foreach (var submission in held)
        {
            ids.Add((await queue.EnqueueAsync(submission, cancellationToken).ConfigureAwait(false)).Id);
        }

        return ids.Count == 1
            ? $"queued for review as item {ids[0]} in {database} (see 'patterns review show {ids[0]}')"
            : $"{ids.Count} runs queued for review as items {ids[0]} to {ids[^1]} in {database} (see 'patterns review list')";
    }
}
