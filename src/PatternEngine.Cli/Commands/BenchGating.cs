using PatternEngine.Bench;
using PatternEngine.Bench.Gates;
using PatternEngine.Cli.Output;
using Spectre.Console;

namespace PatternEngine.Cli.Commands;

/// <summary><c>bench --gate FILE</c>: the gate file read and checked before the bench runs, then judged on its report.</summary>
internal static class BenchGating
{
    /// <summary>The gates, checked against the benched patterns' names; null without <c>--gate</c>.</summary>
    public static GateSet? Load(string? file, IEnumerable<string> patterns)
    {
        if (file is null)
        {
            return null;
        }

        var gates = GateFile.Load(file);
        BenchGates.CheckPatterns(gates, patterns);
        return gates;
    }

    public static InconclusiveGates Policy(string option) => option == "fail" ? InconclusiveGates.Fail : InconclusiveGates.Pass;

    /// <summary>Judges the report and shows the results; null without gates.</summary>
    public static GateReport? Judge(IAnsiConsole console, BenchReport report, GateSet? gates, string inconclusive)
    {
        if (gates is null)
        {
            return null;
        }

        var judged = BenchGates.Judge(report, gates, Policy(inconclusive));
        GateView.Write(console, judged);
        return judged;
    }
}
