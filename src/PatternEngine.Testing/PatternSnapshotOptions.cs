using Microsoft.SemanticKernel;
using PatternEngine.Execution;
using PatternEngine.Library;
using PatternEngine.Models.Routing;

namespace PatternEngine.Testing;

/// <summary>How <see cref="PatternSnapshot"/> replays a run and names its snapshot.</summary>
public sealed record PatternSnapshotOptions
{
    /// <summary>The plugins the pattern's tools come from, as the recorded run had them.</summary>
    public IReadOnlyList<KernelPlugin> Plugins { get; init; } = [];

    /// <summary>
    /// Where patterns the replayed pattern includes by name (<c>pattern: chain-of-thought</c>) are found; null when it
    /// includes none, or only by path.
    /// </summary>
    public PatternLibrary? Library { get; init; }

    /// <summary>The run's options (its seed is part of every request, so it must be the recorded run's).</summary>
    public RunOptions? RunOptions { get; init; }

    /// <summary>
    /// The routes the pattern is compiled over, by logical model name (<c>default</c> among them); they are never
    /// called, since every answer comes from the cassette, but they decide what a request looks like. Leave it null to
    /// use the routes the cassette was recorded through (provider and model per logical name); pass the recording's
    /// own routes when they had native function calling or structured output switched on.
    /// </summary>
    public IReadOnlyDictionary<string, ModelRoute>? Routes { get; init; }

    /// <summary>
    /// The snapshot's name; null takes it from the calling test (<c>Class.Method</c>), which a theory must extend
    /// with <see cref="NameExtension"/>.
    /// </summary>
    public string? SnapshotName { get; init; }

    /// <summary>Added to the snapshot's name, so each case of a theory has a snapshot of its own.</summary>
    public string? NameExtension { get; init; }

    /// <summary>
    /// The folder that holds <c>__snapshots__</c>; null takes the calling test's source folder. Name it when a build
    /// maps source paths (<c>ContinuousIntegrationBuild</c>), or snapshots are looked for where they are not.
    /// </summary>
    public string? SnapshotFolder { get; init; }

    /// <summary>
    /// Whether a missing snapshot fails instead of being written; by default it does when the <c>CI</c> environment
    /// variable is <c>true</c>, so a build server compares against committed snapshots only.
    /// </summary>
    public bool? FailWhenMissing { get; init; }

    /// <summary>More property names to leave out of the snapshot, wherever they occur, beside <see cref="PatternSnapshot.VolatileFields"/>.</summary>
    public IReadOnlyCollection<string> IgnoredFields { get; init; } = [];
}
