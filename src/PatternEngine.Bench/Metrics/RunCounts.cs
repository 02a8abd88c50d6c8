using System.Text.Json.Nodes;
using PatternEngine.Execution;

namespace PatternEngine.Bench.Metrics;

/// <summary>
/// What one run counts towards the checklist's metrics, read from its stages as JSON: the same reading serves a
/// bench's samples and its log's <c>run</c> lines, so the figures from either are the same by construction.
/// </summary>
internal sealed record RunCounts
{
    public required string CaseId { get; init; }

    public bool Failed { get; init; }

    /// <summary>Whether the run scored right; null when it was not scored.</summary>
    public bool? Correct { get; init; }

    /// <summary>Whether its latency is a measurement of this run: no call cached, no failure.</summary>
    public bool Fresh { get; init; }

    public double LatencyMs { get; init; }

    public double CostUsd { get; init; }

    public bool Unpriced { get; init; }

    public int ToolCalls { get; init; }

    public int ToolErrors { get; init; }

    public int Answers { get; init; }

    public int UnparsedAnswers { get; init; }

    public int RefinedDrafts { get; init; }

    public int AcceptedDrafts { get; init; }

    public int RefineRounds { get; init; }

    public int Votes { get; init; }

    public double AgreementSum { get; init; }

    // Guard rates: a case that states an expected verdict, on a run whose guards decided (GuardVerdicts).
    public int HostileCases { get; init; }

    public int Detected { get; init; }

    public int BenignCases { get; init; }

    public int FalsePositives { get; init; }

    /// <summary>
    /// The sample's counts: its own figures and guard verdict, with the stages' tallies taken when it was made
    /// (<see cref="BenchSample.Counts"/>) or, for a sample made elsewhere, read from its stages now.
    /// </summary>
    public static RunCounts Of(BenchSample sample) => GuardVerdicts.Count(
        (sample.Counts ?? FromStages(new RunCounts { CaseId = sample.CaseId }, sample.Stages.Select(s => RunRecordJson.StageToJson(s)))) with
        {
            CaseId = sample.CaseId,
            Failed = sample.Error is not null,
            Correct = sample.Correct,
            Fresh = !sample.Cached && sample.Error is null,
            LatencyMs = sample.LatencyMs,
            CostUsd = (double)sample.CostUsd,
            Unpriced = sample.UnpricedCalls > 0,
            HostileCases = 0,
            Detected = 0,
            BenignCases = 0,
            FalsePositives = 0,
        },
        sample.Guard);

    /// <summary>A log's <c>run</c> line, written by a bench (its <c>labels</c> name the case and the score).</summary>
    public static RunCounts OfLogLine(JsonObject line, string caseId)
    {
        var totals = line["totals"]?.AsObject();
        var labels = line["labels"]?.AsObject();
        // A run a guard blocked ended as its pattern meant it to: no error (BenchRunner counts it so too).
        var failed = (string?)line["status"] is not ("finished" or "blocked");
        var correct = (string?)labels?["correct"] switch { "true" => true, "false" => (bool?)false, _ => null };
        return FromStages(
            GuardVerdicts.Count(new RunCounts
            {
                CaseId = caseId,
                Failed = failed,
                Correct = correct,
                Fresh = !failed && ((int?)totals?["cached_calls"] ?? 0) == 0,
                LatencyMs = (double?)totals?["wall_ms"] ?? 0,
                CostUsd = (double?)totals?["cost_usd"] ?? 0,
                Unpriced = ((int?)totals?["unpriced_calls"] ?? 0) > 0,
            }, GuardVerdicts.OfLabels(labels)),
            (line["stages"] as JsonArray ?? []).OfType<JsonObject>());
    }

    private static RunCounts FromStages(RunCounts run, IEnumerable<JsonObject> stages)
    {
        var tally = new Tally();
        foreach (var stage in stages)
        {
            tally.Add(stage);
        }

        return run with
        {
            ToolCalls = tally.ToolCalls,
            ToolErrors = tally.ToolErrors,
            Answers = tally.Answers,
            UnparsedAnswers = tally.Unparsed,
            RefinedDrafts = tally.Refined,
            AcceptedDrafts = tally.Accepted,
            RefineRounds = tally.Rounds,
            Votes = tally.Votes,
            AgreementSum = tally.Agreement,
        };
    }

    private sealed class Tally
    {
        public int ToolCalls;
        public int ToolErrors;
        public int Answers;
        public int Unparsed;
        public int Refined;
        public int Accepted;
        public int Rounds;
        public int Votes;
        public double Agreement;

        // A stage's figures, then what its details decided, then the stages of the patterns it ran.
        public void Add(JsonObject stage)
        {
            Answers += (int?)stage["answers"] ?? 0;
            Unparsed += (int?)stage["unparsed_answers"] ?? 0;
            if (stage["details"] is JsonObject details)
            {
                AddDetails(details);
            }

            foreach (var nested in (stage["stages"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Add(nested);
            }
        }

        private void AddDetails(JsonObject details)
        {
            foreach (var call in (details["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
            {
                ToolCalls++;
                ToolErrors += call["error"] is null ? 0 : 1;
            }

            // A vote's details: its winner's share of the samples (the reduce stage's "agreement").
            if (details["agreement"] is JsonValue agreement && details.ContainsKey("tally"))
            {
                Votes++;
                Agreement += (double)agreement;
            }

            // A refined draft's details (one, or one per item of a list): its rounds and why it stopped.
            if (details["rounds"] is JsonArray rounds && details["stopped_by"] is JsonValue stoppedBy)
            {
                Refined++;
                Rounds += rounds.Count;
                Accepted += (string?)stoppedBy == "accepted" ? 1 : 0;
            }

            foreach (var item in (details["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                AddDetails(item);
            }
        }
    }
}
