using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PatternEngine.Benchmarks.Support;

/// <summary>A summary column computed from the benchmark case and its results (for example a target and whether it was met).</summary>
public sealed class ComputedColumn(string name, string legend, Func<Summary, BenchmarkCase, string> value) : IColumn
{
    public string Id => nameof(ComputedColumn) + "." + ColumnName;

    public string ColumnName { get; } = name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; } = legend;

    /// <summary>The mean time of a benchmark case in milliseconds, if it ran.</summary>
    public static double? MeanMs(Summary summary, BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary[benchmarkCase]?.ResultStatistics?.Mean / 1e6;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}
