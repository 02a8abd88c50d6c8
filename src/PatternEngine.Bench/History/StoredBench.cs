namespace PatternEngine.Bench.History;

/// <summary>A bench as the history holds it: when and on what it ran, without its results.</summary>
public sealed record StoredBench
{
    /// <summary>The bench's id in the history, increasing with every save.</summary>
    public required long Id { get; init; }

    /// <summary>When the bench started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The model the patterns ran on, as the provider names it.</summary>
    public required string Model { get; init; }

    /// <summary>The model's pinned version or file hash, when known.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The baseline's pattern name.</summary>
    public required string Baseline { get; init; }

    /// <summary>The golden file's path, as given.</summary>
    public required string GoldenFile { get; init; }

    /// <summary>Cases run.</summary>
    public int Cases { get; init; }

    /// <summary>Runs per pattern and case.</summary>
    public int Repeats { get; init; }

    /// <summary>The bench's seed.</summary>
    public int Seed { get; init; }

    /// <summary>Bootstrap resamples behind each interval.</summary>
    public int BootstrapResamples { get; init; }

    /// <summary>Golden lines that could not be read and were skipped.</summary>
    public int SkippedLines { get; init; }
}
