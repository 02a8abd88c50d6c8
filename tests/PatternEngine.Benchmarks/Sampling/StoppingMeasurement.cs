using System.Collections.Concurrent;
using System.Globalization;
using PatternEngine.Definitions;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Benchmarks.Sampling;

/// <summary>
/// What each stopping rule saves and costs, against the full vote of 20 samples, on the reference server, for two
/// question sets (<see cref="Sets"/>): a hard one whose difficulty spreads evenly, and one where most questions are
/// easy for a strong model, as on GSM8K, where the stopping papers measured. Counts, not
/// timings, so a plain measurement rather than BenchmarkDotNet: every question runs once per rule, and since a
/// stopped run's samples are the full run's first samples (same seeds), the comparison is paired question by question.
/// Run: <c>dotnet run -c Release --project tests/PatternEngine.Benchmarks -- stopping [questions]</c>.
/// </summary>
public static class StoppingMeasurement
{
    public const int Count = 20;

    private static readonly (string Name, string? Stop)[] Rules =
    [
        ("full vote (20 samples)", null),
        ("plurality (early_stop: true)", "{ strategy: plurality }"),
        ("window 4", "{ strategy: window, window: 4 }"),
        ("window 3", "{ strategy: window, window: 3 }"),
        ("window 5", "{ strategy: window, window: 5 }"),
        ("posterior 0.90", "{ strategy: posterior, threshold: 0.9 }"),
        ("posterior 0.95", "{ strategy: posterior, threshold: 0.95 }"),
        ("posterior 0.99", "{ strategy: posterior, threshold: 0.99 }"),
        ("posterior 0.95, waves of 4", "{ strategy: posterior, threshold: 0.95, wave: 4 }"),
        ("window 4, waves of 4", "{ strategy: window, window: 4, wave: 4 }"),
    ];

    /// <summary>The question sets: a name, the model's accuracy, and each question's difficulty from u, its rank in [0, 1].</summary>
    private static readonly (string Name, double Accuracy, Func<double, double> Difficulty)[] Sets =
    [
        ("even: accuracy 0.8, difficulty spread evenly over 0 to 0.9 (a right sample's chance 0.80 to 0.08)", 0.8, u => 0.9 * u),
        ("mostly easy: accuracy 0.97, difficulty 0.9 u³ (a right sample's chance 0.97 down to 0.10; median 0.86)", 0.97, u => 0.9 * u * u * u),
    ];

    public static async Task RunAsync(int questions, TextWriter output)
    {
        foreach (var (name, accuracy, difficulty) in Sets)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{questions} questions, {name}; count {Count}, temperature 0.8"));
            await MeasureAsync(questions, accuracy, difficulty, output);
        }
    }

    private static async Task MeasureAsync(int questions, double accuracy, Func<double, double> difficulty, TextWriter output)
    {
        var model = new ReferenceModel("sampler") { Accuracy = accuracy };
        var set = ReferenceQuestion.Sums(questions, seed: 17)
            .Select((q, i) => q with { Difficulty = difficulty((double)i / Math.Max(1, questions - 1)) })
            .ToList();
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [.. set] });
        using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, model: model.Name, providerExtras: "max_concurrency: 32"));

        await output.WriteLineAsync("| rule | samples per question | saved | accuracy | vs full vote | same winner as full vote |");
        await output.WriteLineAsync("| --- | --- | --- | --- | --- | --- |");
        Dictionary<string, string?>? full = null;
        foreach (var (name, stop) in Rules)
        {
            var compiled = engine.Compile(PatternFile.Parse(Pattern(stop), "stopping.yaml"));
            var winners = new ConcurrentDictionary<string, string?>();
            var samples = 0;
            await Parallel.ForEachAsync(set, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (question, token) =>
            {
                var record = await compiled.RunAsync(new Dictionary<string, string> { ["question"] = question.Text }, cancellationToken: token);
                winners[question.Id] = record.Output.Text?.Trim();
                Interlocked.Add(ref samples, record.Stages.Single(s => s.Id == "samples").Calls);
            });

            full ??= new Dictionary<string, string?>(winners);
            var right = set.Count(q => winners[q.Id] == q.Answer);
            var fullRight = set.Count(q => full[q.Id] == q.Answer);
            var same = set.Count(q => winners[q.Id] == full[q.Id]);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {(double)samples / questions:F2} | {1 - ((double)samples / (questions * Count)):P1} | {(double)right / questions:P1} | {100.0 * (right - fullRight) / questions:+0.0;-0.0;0.0} points | {(double)same / questions:P1} |"));
        }
    }

    private static string Pattern(string? stop) => $$$"""
        name: stopping
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: samples
            kind: fan_out
            count: {{{Count}}}
        {{{(stop is null ? "" : "    stop: " + stop + "\n")}}}    body:
              template: "{{ question }}"
              max_tokens: 48
              temperature: 0.8
              extract: { final_answer: true }
          - id: vote
            kind: reduce
            from: samples
            method: vote
        output: vote
        """;
}
