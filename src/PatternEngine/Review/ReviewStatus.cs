namespace PatternEngine.Review;

/// <summary>Where an item of the review queue stands.</summary>
public enum ReviewStatus
{
    /// <summary>Queued, waiting for a person.</summary>
    Pending,

    /// <summary>A person approved the answer, or a corrected one; approved items export as golden cases.</summary>
    Approved,

    /// <summary>A person rejected the answer.</summary>
    Rejected,
}
