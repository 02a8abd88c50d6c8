using System.Text.Json;
using PatternEngine.Bench.History;
using PatternEngine.Tests.Bench.History;

namespace PatternEngine.Tests.Cli;

public sealed class HistoryCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => Path.Combine(_dir.Path, "history.db");

    /// <summary>Two benches on the tiny model (the second 1.5 times the first's figures) and one on another model.</summary>
    private (long First, long Other, long Second) SaveThreeBenches()
    {
        using var history = BenchHistory.Open(Db);
        return (
            history.Save(SyntheticBench.Report(SyntheticBench.Start, scale: 1.0)),
            history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(1), model: "other-model", modelVersion: null, scale: 4.0)),
            history.Save(SyntheticBench.Report(SyntheticBench.Start.AddDays(2), scale: 1.5)));
    }

    [Fact]
    public async Task Without_a_database_in_the_working_directory_history_says_nothing_is_stored_and_exits_0()
    {
        var defaultFile = Path.Combine(Directory.GetCurrentDirectory(), BenchHistory.DefaultFileName);
        Assert.False(File.Exists(defaultFile), $"this test needs no {defaultFile}");

        var result = await CliHarness.RunAsync("history");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains("No bench history yet", result.Out, StringComparison.Ordinal);
        Assert.Contains(defaultFile, result.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(defaultFile));
    }

    [Fact]
    public async Task A_db_file_that_does_not_exist_exits_2_naming_it_and_is_not_created()
    {
        var result = await CliHarness.RunAsync("history", "--db", Db);

        CliHarness.AssertInvalidInput(result);
        Assert.Equal($"error: {Db}: no bench history there (no such file)", CliHarness.AssertOneErrorLine(result));
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task A_db_file_that_is_not_SQLite_exits_2_with_one_line()
    {
        File.WriteAllText(Db, new string('x', 300));

        var result = await CliHarness.RunAsync("history", "--db", Db);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains(Db, CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_history_says_no_benches_are_stored_and_exits_0()
    {
        using (BenchHistory.Open(Db))
        {
        }

        var result = await CliHarness.RunAsync("history", "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"No benches stored yet in {Db}.", Assert.Single(result.OutLines));
    }

    [Fact]
    public async Task The_table_lists_results_newest_first_with_their_figures_and_changes()
    {
        var (first, other, second) = SaveThreeBenches();

        var result = await CliHarness.RunAsync("history", "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutLines.Where(l => l.Contains(" #", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal([second, second, other, other, first, first], rows.Select(BenchId));
        var latest = Assert.Single(rows, r => BenchId(r) == second && r.Contains("self-check", StringComparison.Ordinal));
        Assert.Contains("2026-11-03 08:30", latest, StringComparison.Ordinal); // 09:30 at +01:00, shown in UTC
        Assert.Contains("2.1.0", latest, StringComparison.Ordinal);
        Assert.Contains("fedcba98 ", latest, StringComparison.Ordinal);
        Assert.Contains("tiny-model@sha256-abcde ", latest, StringComparison.Ordinal);
        Assert.Contains("2 (1 failed)", latest, StringComparison.Ordinal);
        Assert.Contains("67.5 (+50.0%)", latest, StringComparison.Ordinal); // 45 × 1.5 tokens, against 45
        Assert.Contains("$0.000375 (+50.0%)", latest, StringComparison.Ordinal);
        Assert.Contains("100.0% (±0.0 pp)", latest, StringComparison.Ordinal);
        Assert.Contains("525.0 (+50.0%)", latest, StringComparison.Ordinal);
        Assert.Contains("+150.0% [80.5, 120.3] (+50.0 pp)", latest, StringComparison.Ordinal);
        var oldest = Assert.Single(rows, r => BenchId(r) == first && r.Contains("self-check", StringComparison.Ordinal));
        Assert.DoesNotContain("%)", oldest, StringComparison.Ordinal); // nothing before it to compare with
        Assert.Contains("baseline", Assert.Single(rows, r => BenchId(r) == first && !r.Contains("self-check", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pattern_name_shows_only_that_patterns_results()
    {
        SaveThreeBenches();

        var result = await CliHarness.RunAsync("history", "self-check", "--db", Db, "--limit", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.OutLines.Where(l => l.Contains(" #", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("self-check", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_name_shows_the_models_figures_per_bench_then_its_pattern_results()
    {
        var (first, _, second) = SaveThreeBenches();

        var result = await CliHarness.RunAsync("history", SyntheticBench.Model, "--db", Db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("tiny-model: its calls per bench", result.Out, StringComparison.Ordinal);
        var rows = result.OutLines.Where(l => l.Contains(" #", StringComparison.Ordinal)).ToList();
        Assert.Equal([second, first, second, second, first, first], rows.Select(BenchId));
        Assert.Contains("25.0% (±0.0 pp)", rows[0], StringComparison.Ordinal); // one failed call in four
        Assert.Contains("300.0 (+50.0%)", rows[0], StringComparison.Ordinal); // p50 of 150 and 450 ms
        Assert.DoesNotContain(result.OutLines, l => l.Contains("other-model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_that_is_neither_a_pattern_nor_a_model_exits_2_and_lists_what_is_there()
    {
        SaveThreeBenches();

        var result = await CliHarness.RunAsync("history", "nowhere", "--db", Db);

        CliHarness.AssertInvalidInput(result);
        var line = CliHarness.AssertOneErrorLine(result);
        Assert.Contains("'nowhere' is neither a pattern nor a model", line, StringComparison.Ordinal);
        Assert.Contains("patterns: baseline, self-check", line, StringComparison.Ordinal);
        Assert.Contains("tiny-model", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_option_the_history_does_not_hold_exits_2()
    {
        SaveThreeBenches();

        var result = await CliHarness.RunAsync("history", "--model", "gpt-nothing", "--db", Db);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("--model gpt-nothing", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pattern_never_benched_on_the_model_says_so_and_exits_0()
    {
        using (var history = BenchHistory.Open(Db))
        {
            history.Save(SyntheticBench.Report(SyntheticBench.Start));
            history.Save(SyntheticBench.Report(SyntheticBench.Start, model: "other-model") with { Patterns = [SyntheticBench.Report(SyntheticBench.Start).Patterns[0]], Samples = [] });
        }

        var result = await CliHarness.RunAsync("history", "--db", Db, "--pattern", "self-check", "--model", "other-model");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"No stored results for pattern self-check on model other-model in {Db}.", Assert.Single(result.OutLines));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task A_limit_below_1_exits_2(string limit)
    {
        var result = await CliHarness.RunAsync("history", "--db", Db, "--limit", limit);

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("--limit", CliHarness.AssertOneErrorLine(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_parses_and_carries_the_figures_and_changes()
    {
        var (first, _, second) = SaveThreeBenches();

        var result = await CliHarness.RunAsync("history", "--db", Db, "--pattern", "self-check", "--model", SyntheticBench.Model, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var results = json.RootElement.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        var latest = results[0];
        Assert.Equal(second, latest.GetProperty("bench").GetProperty("id").GetInt64());
        Assert.Equal(67.5, latest.GetProperty("mean_tokens").GetDouble());
        Assert.Equal(first, latest.GetProperty("previous_bench").GetInt64());
        Assert.Equal(50, latest.GetProperty("changes").GetProperty("tokens_percent").GetDouble(), 9);
        var tokens = latest.GetProperty("deltas").GetProperty("tokens_percent");
        Assert.Equal((150.0, 80.5, 120.25), (tokens.GetProperty("value").GetDouble(), tokens.GetProperty("low").GetDouble(), tokens.GetProperty("high").GetDouble()));
        Assert.Equal("above", tokens.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("changes").ValueKind);
        Assert.False(json.RootElement.TryGetProperty("model_history", out _));
    }

    [Fact]
    public async Task Json_for_a_model_carries_its_history_and_json_for_an_empty_history_is_empty()
    {
        SaveThreeBenches();
        var empty = Path.Combine(_dir.Path, "empty.db");
        using (BenchHistory.Open(empty))
        {
        }

        var model = await CliHarness.RunAsync("history", SyntheticBench.Judge, "--db", Db, "--json");
        var nothing = await CliHarness.RunAsync("history", "--db", empty, "--json");

        using var modelJson = JsonDocument.Parse(model.Out);
        var judge = modelJson.RootElement.GetProperty("model_history");
        Assert.Equal(3, judge.GetArrayLength());
        Assert.Equal(1, judge[0].GetProperty("calls").GetInt32());
        Assert.Equal(0, modelJson.RootElement.GetProperty("results").GetArrayLength()); // no bench ran on the judge
        using var nothingJson = JsonDocument.Parse(nothing.Out);
        Assert.Equal(0, nothingJson.RootElement.GetProperty("results").GetArrayLength());
    }

    private static long BenchId(string row) =>
        long.Parse(row.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.StartsWith('#'))[1..], System.Globalization.CultureInfo.InvariantCulture);
}
