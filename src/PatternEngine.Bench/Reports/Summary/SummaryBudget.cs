using System.Globalization;
using PatternEngine.Bench.Metrics;

namespace PatternEngine.Bench.Reports.Summary;

/// <summary>
/// "Requests within a budget": how many requests a stated budget buys at each side's measured cost per request, the
/// interval from the cost interval (a budget buys the fewest requests at the cost's high end). Stated only where the
/// cost difference is distinguishable and both costs are above nothing.
/// </summary>
internal static class SummaryBudget
{
    public static string? Sentence(string name, string vs, MetricEstimate cost, MetricEstimate baseCost, double budgetUsd)
    {
        if (cost.Low <= 0 || baseCost.Low <= 0)
        {
            return null; // a cost interval that reaches zero buys unboundedly many requests: no figure to give
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"A budget of {BenchFormat.Cost(budgetUsd)} buys about {Requests(budgetUsd, cost.Value)} requests [{Requests(budgetUsd, cost.High)}, {Requests(budgetUsd, cost.Low)}] with {name}, against {Requests(budgetUsd, baseCost.Value)} [{Requests(budgetUsd, baseCost.High)}, {Requests(budgetUsd, baseCost.Low)}] with {vs}.");
    }

    private static string Requests(double budgetUsd, double costPerRequest) =>
        Math.Round(budgetUsd / costPerRequest).ToString("N0", CultureInfo.InvariantCulture);
}
