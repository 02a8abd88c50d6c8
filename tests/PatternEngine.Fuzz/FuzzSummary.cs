using System.Globalization;
using System.Text;

namespace PatternEngine.Fuzz;

/// <summary>What a fuzz run found: inputs by kind and result, the crashes and hangs, the slowest input and the largest allocation.</summary>
internal sealed class FuzzSummary
{
    private readonly Dictionary<(FuzzKind, FuzzResult), int> _counts = [];

    public int Inputs { get; private set; }

    public List<FuzzOutcome> Findings { get; } = [];

    public FuzzOutcome? Slowest { get; private set; }

    public FuzzOutcome? Hungriest { get; private set; }

    public void Add(FuzzOutcome outcome)
    {
        Inputs++;
        _counts[(outcome.Input.Kind, outcome.Result)] = _counts.GetValueOrDefault((outcome.Input.Kind, outcome.Result)) + 1;
        if (outcome.Result is FuzzResult.Crashed or FuzzResult.Hung)
        {
            Findings.Add(outcome);
        }

        if (Slowest is null || outcome.Took > Slowest.Took)
        {
            Slowest = outcome;
        }

        if (Hungriest is null || outcome.AllocatedBytes > Hungriest.AllocatedBytes)
        {
            Hungriest = outcome;
        }
    }

    public int Count(FuzzResult result) => _counts.Where(c => c.Key.Item2 == result).Sum(c => c.Value);

    public override string ToString()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"inputs {Inputs}, crashes {Count(FuzzResult.Crashed)}, hangs {Count(FuzzResult.Hung)}");
        foreach (var kind in Enum.GetValues<FuzzKind>())
        {
            text.AppendLine(invariant, $"  {kind,-9} accepted {_counts.GetValueOrDefault((kind, FuzzResult.Accepted)),6}, refused {_counts.GetValueOrDefault((kind, FuzzResult.Refused)),6}, crashed {_counts.GetValueOrDefault((kind, FuzzResult.Crashed))}, hung {_counts.GetValueOrDefault((kind, FuzzResult.Hung))}");
        }

        if (Slowest is { } slow)
        {
            text.AppendLine(invariant, $"slowest: input {slow.Input.Index} ({slow.Input.Kind}, from {slow.Input.Origin}, {slow.Input.Mutations}) {slow.Took.TotalMilliseconds:N0} ms");
        }

        if (Hungriest is { } hungry)
        {
            text.AppendLine(invariant, $"most allocated: input {hungry.Input.Index} ({hungry.Input.Kind}, from {hungry.Input.Origin}) {hungry.AllocatedBytes / (1024.0 * 1024):N1} MiB");
        }

        foreach (var finding in Findings)
        {
            text.AppendLine(invariant, $"{finding.Result}: {finding}");
        }

        return text.ToString();
    }
}
