namespace PatternEngine.Fuzz;

/// <summary>One generated file: its number in the run, its kind, the file it was mutated from, how, and its text.</summary>
internal sealed record FuzzInput(int Index, FuzzKind Kind, string Origin, string Mutations, string Text)
{
    /// <summary>The file name the input is given (and saved under when it is a finding).</summary>
    public string FileName => $"input-{Index}-{Kind.ToString().ToLowerInvariant()}" + (Kind is FuzzKind.Golden or FuzzKind.Cassette ? ".jsonl" : ".yaml");
}
