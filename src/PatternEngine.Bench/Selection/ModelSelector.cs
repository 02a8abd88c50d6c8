using System.Collections.Immutable;
using System.Globalization;

namespace PatternEngine.Selection;

/// <summary>
/// Chooses a stage's model: the cheapest candidate that meets every target on its profile. Ties in cost go to the
/// figure the mode favours (latency for fast and standard, accuracy for thorough), then to measured over prior,
/// then to the id in ordinal order, so the same profiles always give the same choice.
/// </summary>
internal static class ModelSelector
{
    /// <summary>Chooses among <paramref name="candidates"/> for <paramref name="stage"/>.</summary>
    public static StageChoice Choose(string stage, IReadOnlyList<StageProfile> candidates, Slo slo, RoutingMode mode)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(slo);

        var judged = candidates.Select(c => (Profile: c, Misses: Misses(c, slo))).ToList();
        var ranked = Rank(judged.Where(j => j.Misses.IsEmpty).Select(j => j.Profile), mode).ToList();
        var rejected = judged.Where(j => !j.Misses.IsEmpty)
            .OrderBy(j => j.Profile.Model, StringComparer.Ordinal)
            .Select(j => (j.Profile.Model, j.Misses))
            .ToImmutableArray();
        if (ranked.Count == 0)
        {
            var reasons = rejected.Length == 0
                ? "there are no candidates"
                : string.Join("; ", rejected.Select(r => $"{r.Model}: {string.Join(", ", r.Misses)}"));
            return new StageChoice { Stage = stage, Rejected = rejected, Rationale = $"no candidate meets {slo}: {reasons}" };
        }

        var chosen = ranked[0];
        var runnerUp = ranked.Count > 1 ? ranked[1] : null;
        var rationale = $"{chosen.Model} is the cheapest that meets {slo} ({Figures(chosen)})"
            + (runnerUp is null ? "; no other candidate meets them" : $"; runner-up {runnerUp.Model} ({Figures(runnerUp)})")
            + (rejected.IsEmpty ? "" : $"; {rejected.Length} rejected");
        return new StageChoice { Stage = stage, Chosen = chosen, RunnerUp = runnerUp, Rejected = rejected, Rationale = rationale };
    }

    /// <summary>The choice for a stage that only aggregates: no model.</summary>
    public static StageChoice NoModel(string stage) =>
        new() { Stage = stage, CallsModel = false, Rationale = "aggregates earlier stages; calls no model" };

    /// <summary>Every target the profile misses; an unmeasured figure misses any target on it.</summary>
    public static ImmutableArray<TargetMiss> Misses(StageProfile profile, Slo slo)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(slo);
        var misses = ImmutableArray.CreateBuilder<TargetMiss>();
        if (slo.MinAccuracy is { } accuracy && !(profile.Accuracy >= accuracy))
        {
            misses.Add(new TargetMiss("min_accuracy", accuracy, profile.Accuracy));
        }

        if (slo.MaxLatencyP95Ms is { } latency && !(profile.LatencyP95Ms <= latency))
        {
            misses.Add(new TargetMiss("max_latency_p95_ms", latency, profile.LatencyP95Ms));
        }

        if (slo.MaxCostUsd is { } cost && !(profile.MeanCostUsd <= cost))
        {
            misses.Add(new TargetMiss("max_cost_usd", cost, profile.MeanCostUsd) { Unpriced = profile.Unpriced });
        }

        if (slo.MaxErrorRate is { } errors && !(profile.ErrorRate <= errors))
        {
            misses.Add(new TargetMiss("max_error_rate", errors, profile.ErrorRate));
        }

        return misses.ToImmutable();
    }

    private static IOrderedEnumerable<StageProfile> Rank(IEnumerable<StageProfile> feasible, RoutingMode mode)
    {
        // Rounded to a billionth of a dollar, so that float noise in stored means does not decide a tie.
        var byCost = feasible.OrderBy(p => Math.Round(p.MeanCostUsd ?? double.MaxValue, 9));
        var byFavoured = mode == RoutingMode.Thorough
            ? byCost.ThenByDescending(p => p.Accuracy ?? -1).ThenBy(p => p.LatencyP95Ms ?? double.MaxValue)
            : byCost.ThenBy(p => p.LatencyP95Ms ?? double.MaxValue).ThenByDescending(p => p.Accuracy ?? -1);
        return byFavoured.ThenBy(p => p.IsPrior).ThenBy(p => p.Model, StringComparer.Ordinal);
    }

    private static string Figures(StageProfile p)
    {
        var parts = new List<string> { p.MeanCostUsd is { } cost ? "$" + TargetMiss.Format(cost) + " per request" : "cost unknown (unpriced)" };
        if (p.LatencyP95Ms is { } latency)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"p95 {TargetMiss.Format(latency)} ms"));
        }

        if (p.Accuracy is { } accuracy)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.###} ({p.ScoredRuns} scored)"));
        }

        if (p.ErrorRate is { } errors)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"errors {errors:0.###}"));
        }

        parts.Add(p.IsPrior ? p.Basis : string.Create(CultureInfo.InvariantCulture, $"{p.Runs} runs"));
        return string.Join(", ", parts);
    }
}
