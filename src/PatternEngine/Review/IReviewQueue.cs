namespace PatternEngine.Review;

/// <summary>
/// Runs that a pattern's <c>review:</c> rule held for a person: queued as they finish, listed, approved (with an
/// optional corrected answer) or rejected, each decision once, dated and with an optional note. Approved items are
/// what reviewed results feed back into an eval suite (see <c>ReviewExport</c> in PatternEngine.Bench).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: items wait in it, in order, for a person.")]
public interface IReviewQueue
{
    /// <summary>Queues a run that needs review.</summary>
    /// <returns>The pending item, with its id.</returns>
    Task<ReviewItem> EnqueueAsync(ReviewSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>The items, oldest first; only those of <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<ReviewItem>> ListAsync(ReviewStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>The item with <paramref name="id"/>; null when there is none.</summary>
    Task<ReviewItem?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Approves a pending item, with the answer that should have been given when the run's was wrong.</summary>
    /// <exception cref="ReviewException">No item has the id, or it is decided already.</exception>
    Task<ReviewItem> ApproveAsync(long id, string? correctedAnswer = null, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pending item.</summary>
    /// <exception cref="ReviewException">No item has the id, or it is decided already.</exception>
    Task<ReviewItem> RejectAsync(long id, string? note = null, CancellationToken cancellationToken = default);
}
