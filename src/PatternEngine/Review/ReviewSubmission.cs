using System.Collections.Immutable;
using PatternEngine.Execution;

namespace PatternEngine.Review;

/// <summary>A finished run that needs review, as it goes into an <see cref="IReviewQueue"/>.</summary>
public sealed record ReviewSubmission
{
    /// <summary>The pattern's name.</summary>
    public required string Pattern { get; init; }

    /// <summary>The pattern's version.</summary>
    public required string Version { get; init; }

    /// <summary>The run's inputs as text, as a run takes them (list and object inputs as their JSON).</summary>
    public required ImmutableSortedDictionary<string, string> Inputs { get; init; }

    /// <summary>The run's answer (its output as text).</summary>
    public required string Answer { get; init; }

    /// <summary>Why the run needs review (<see cref="RunRecord.ReviewReasons"/>).</summary>
    public required ImmutableArray<string> Reasons { get; init; }

    /// <summary>The run's id (<see cref="RunRecord.RunId"/>, the <c>run_id</c> of its <c>--log</c> lines); null when unknown.</summary>
    public string? RunId { get; init; }

    /// <summary>The golden case the run answered, when a bench ran it; null for a lone run.</summary>
    public string? CaseId { get; init; }

    /// <summary>The submission for <paramref name="record"/>, a run of <paramref name="inputs"/>; null when the run needs no review.</summary>
    public static ReviewSubmission? For(RunRecord record, IReadOnlyDictionary<string, string> inputs, string? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(inputs);
        return record.NeedsReview
            ? new ReviewSubmission
            {
                Pattern = record.Pattern,
                Version = record.Version,
                Inputs = inputs.ToImmutableSortedDictionary(StringComparer.Ordinal),
                Answer = record.Output.ToString(),
                Reasons = record.ReviewReasons,
                RunId = record.RunId,
                CaseId = caseId,
            }
            : null;
    }
}
