using PatternEngine.Definitions;

namespace PatternEngine.Bench.Estimation;

/// <summary>How many times something happens in one run: expected, at most, and whether a map's item count was unknown.</summary>
internal readonly record struct Times(double Expected, long Worst, bool Unknown = false)
{
    public static readonly Times Once = new(1, 1);

    public static Times operator *(Times a, Times b) => new(a.Expected * b.Expected, a.Worst * b.Worst, a.Unknown || b.Unknown);
}

/// <summary>How many calls each prompt of a stage makes in one execution of the stage, as the stage kinds multiply them.</summary>
internal static class StageCalls
{
    /// <summary>The calls of <paramref name="slot"/> in one execution of <paramref name="stage"/>, with what multiplied them.</summary>
    public static (Times Calls, string Note) Of(StageDefinition stage, PromptSlot slot, Func<string, Times> itemsOf)
    {
        var toolRounds = slot.Prompt.Tools.IsEmpty ? Times.Once : new Times(1, 1 + slot.Prompt.MaxToolRounds);
        var toolNote = slot.Prompt.Tools.IsEmpty ? "" : $", up to {slot.Prompt.MaxToolRounds} tool rounds";
        var (calls, note) = stage switch
        {
            FanOutStage fanOut => (new Times(fanOut.Count, fanOut.Count), $"{fanOut.Count} samples"),
            MapStage map => itemsOf(map.Over) is var items && items.Unknown
                ? (items, $"items of '{map.Over}' unknown: one item counted")
                : (itemsOf(map.Over), $"{itemsOf(map.Over).Worst} items"),
            RefineStage refine => (new Times(1, refine.MaxRounds), $"{slot.Field}: 1 round expected, {refine.MaxRounds} at most"),
            TournamentStage tournament => Judges(tournament, itemsOf),
            _ => (Times.Once, ""),
        };
        return (calls * toolRounds, (note + toolNote).TrimStart(',', ' '));
    }

    private static (Times, string) Judges(TournamentStage tournament, Func<string, Times> itemsOf)
    {
        var candidates = tournament.Candidates.Aggregate(new Times(0, 0), (sum, c) =>
        {
            var n = itemsOf(c);
            return new Times(sum.Expected + n.Expected, sum.Worst + n.Worst, sum.Unknown || n.Unknown);
        });
        static double Pairs(double n, BracketKind bracket) => bracket == BracketKind.Knockout ? Math.Max(0, n - 1) : n * (n - 1) / 2;
        var judges = new Times(Pairs(candidates.Expected, tournament.Bracket), (long)Pairs(candidates.Worst, tournament.Bracket), candidates.Unknown);
        return (judges, $"{candidates.Worst} candidates, {tournament.Bracket.ToString().ToLowerInvariant()}");
    }
}
