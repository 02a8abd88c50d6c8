using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PatternEngine.Bench.Judging;

namespace PatternEngine.Bench.Reports;

/// <summary>
/// The reports' "Judge" table: per pattern with judge-scored runs, the runs judged and left unscored, the judge's
/// calls, tokens and cost (apart from the pattern's own), and its agreement with the check scorer (share with its
/// 95% Wilson interval, Cohen's kappa, runs compared). Every format writes the same cells.
/// </summary>
public static class JudgeColumns
{
    /// <summary>The table's column names.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["pattern", "judged", "unscored", "judge calls", "judge tokens in/out", "judge cost", "agreement with check", "kappa", "compared"];

    /// <summary>The patterns with judge-scored runs, in report order.</summary>
    public static IEnumerable<PatternSummary> Judged(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Patterns.Where(p => p.Judge is not null);
    }

    /// <summary>One pattern's cells, in <see cref="Headers"/> order.</summary>
    public static IReadOnlyList<string> Cells(PatternSummary pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var judge = pattern.Judge ?? new JudgeFigures();
        var agreement = judge.Agreement;
        return
        [
            pattern.Pattern,
            BenchFormat.Count(judge.Judged),
            BenchFormat.Count(judge.Unscored),
            BenchFormat.Count(judge.Calls),
            $"{BenchFormat.Count(judge.InputTokens)} / {BenchFormat.Count(judge.OutputTokens)}",
            BenchFormat.Cost((double)judge.CostUsd, judge.UnpricedCalls),
            agreement is null ? BenchFormat.NotAvailable : $"{BenchFormat.Accuracy(agreement.Share.Value)} [{BenchFormat.Accuracy(agreement.Share.Low)}, {BenchFormat.Accuracy(agreement.Share.High)}]",
            agreement?.Kappa is { } kappa ? kappa.ToString("0.00", CultureInfo.InvariantCulture) : BenchFormat.NotAvailable,
            BenchFormat.Count(agreement?.Share.Count ?? 0),
        ];
    }

    private const string Explanation =
        "Runs of judge-scored cases, and what asking the judge cost (not counted in the patterns' figures or deltas). Unscored runs (the judge's answer did not parse, or its route failed) are left out of accuracy. Agreement compares the judge's verdict with the case's check scorer on runs of cases that give 'expected' too.";

    internal static void Markdown(StringBuilder md, BenchReport report)
    {
        var judged = Judged(report).ToList();
        if (judged.Count == 0)
        {
            return;
        }

        md.Append("## Judge (95% intervals)\n\n").Append(Explanation).Append("\n\n")
          .Append("| ").Append(string.Join(" | ", Headers)).Append(" |\n")
          .Append("|---|").Append(string.Concat(Headers.Skip(1).Select(_ => "--:|"))).Append('\n');
        foreach (var pattern in judged)
        {
            var cells = Cells(pattern);
            md.Append("| ").Append(BenchReportMarkdown.Escape(cells[0])).Append(" | ").Append(string.Join(" | ", cells.Skip(1))).Append(" |\n");
        }

        md.Append('\n');
    }

    internal static IEnumerable<XElement> Html(BenchReport report)
    {
        var judged = Judged(report).ToList();
        if (judged.Count == 0)
        {
            yield break;
        }

        yield return new XElement("h2", "Judge (95% intervals)");
        yield return new XElement("p", Explanation);
        yield return new XElement("table",
            new XElement("thead", new XElement("tr", Headers.Select(h => new XElement("th", h)))),
            new XElement("tbody", judged.Select(p => new XElement("tr",
                Cells(p).Select((cell, i) => i == 0 ? new XElement("td", cell) : new XElement("td", new XAttribute("class", "num"), cell))))));
    }

    internal static System.Text.Json.Nodes.JsonObject? Json(JudgeFigures? judge) => judge is null ? null : new()
    {
        ["judged"] = judge.Judged,
        ["unscored"] = judge.Unscored,
        ["calls"] = judge.Calls,
        ["input_tokens"] = judge.InputTokens,
        ["output_tokens"] = judge.OutputTokens,
        ["cost_usd"] = judge.CostUsd,
        ["unpriced_calls"] = judge.UnpricedCalls,
        ["mean_latency_ms"] = Math.Round(judge.MeanLatencyMs, 3),
        ["agreement"] = judge.Agreement is not { } a ? null : new System.Text.Json.Nodes.JsonObject
        {
            ["value"] = a.Share.Value,
            ["low"] = a.Share.Low,
            ["high"] = a.Share.High,
            ["count"] = a.Share.Count,
            ["kappa"] = a.Kappa,
            ["both_right"] = a.BothRight,
            ["both_wrong"] = a.BothWrong,
            ["only_judge_right"] = a.OnlyJudgeRight,
            ["only_check_right"] = a.OnlyCheckRight,
        },
    };

    internal static System.Text.Json.Nodes.JsonObject? Json(JudgeVerdict? verdict) => verdict is null ? null : new()
    {
        ["correct"] = verdict.Correct,
        ["reason"] = verdict.Reason,
        ["unscored"] = verdict.Unscored,
        ["checked"] = verdict.Checked,
        ["calls"] = verdict.Usage.Calls,
        ["input_tokens"] = verdict.Usage.InputTokens,
        ["output_tokens"] = verdict.Usage.OutputTokens,
        ["cost_usd"] = verdict.Usage.CostUsd,
        ["latency_ms"] = Math.Round(verdict.Usage.WallMs, 3),
    };
}
