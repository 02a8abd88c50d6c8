namespace PatternEngine.Bench;

/// <summary>How far a bench has got: runs done of the total, and the run that just finished.</summary>
/// <param name="Done">Runs finished.</param>
/// <param name="Total">Runs the bench makes.</param>
/// <param name="Last">The run that just finished.</param>
public sealed record BenchProgress(int Done, int Total, BenchSample Last);
