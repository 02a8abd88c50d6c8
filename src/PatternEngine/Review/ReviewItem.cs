namespace PatternEngine.Review;

/// <summary>One item of a review queue: the run as it was queued and, once decided, the decision.</summary>
public sealed record ReviewItem
{
    /// <summary>The item's id in its queue.</summary>
    public required long Id { get; init; }

    /// <summary>The run as it was queued.</summary>
    public required ReviewSubmission Run { get; init; }

    /// <summary>When the item was queued.</summary>
    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>Pending, approved or rejected.</summary>
    public ReviewStatus Status { get; init; }

    /// <summary>When it was approved or rejected; null while pending.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The answer the reviewer gave instead of the run's, when approving; null when the run's stands.</summary>
    public string? CorrectedAnswer { get; init; }

    /// <summary>The reviewer's note; null when none.</summary>
    public string? Note { get; init; }

    /// <summary>The answer that holds after review: the corrected one when given, else the run's.</summary>
    public string ReviewedAnswer => CorrectedAnswer ?? Run.Answer;
}
