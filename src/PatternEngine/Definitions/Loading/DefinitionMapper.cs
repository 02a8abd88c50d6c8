using System.Collections.Immutable;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PatternEngine.Definitions.Loading;

/// <summary>Turns a schema-valid document into definition records. Shape errors were caught by the schema.</summary>
internal static class DefinitionMapper
{
    public static PatternDefinition Map(LocatedJson document)
    {
        var root = (JObject)document.Root;
        return new PatternDefinition
        {
            Name = Text(root, "name")!,
            Version = Convert.ToString(((JValue)root["version"]!).Value, CultureInfo.InvariantCulture)!,
            Description = Text(root, "description") ?? "",
            Expected = root["expected"] is JObject expected
                ? new ExpectedDeltas { TokensPercent = Range(expected["tokens_percent"]), LatencyPercent = Range(expected["latency_percent"]) }
                : null,
            Budget = root["budget"] is JObject budget
                ? new RunBudget
                {
                    MaxTokens = budget.Value<long?>("max_tokens"),
                    MaxCostUsd = budget.Value<decimal?>("max_cost_usd"),
                    MaxCalls = budget.Value<int?>("max_calls"),
                }
                : null,
            Review = root["review"] is JObject review
                ? new ReviewRule { When = Text(review, "when")!, Reason = Text(review, "reason"), Source = document.SpanOf(review) }
                : null,
            Inputs = root["inputs"] is JObject inputs ? [.. inputs.Properties().Select(p => MapInput(p, document))] : [],
            Stages = [.. ((JArray)root["stages"]!).Cast<JObject>().Select(s => MapStage(s, document))],
            Output = Text(root, "output")!,
            Source = document.SpanOf(root),
        };
    }

    private static InputDefinition MapInput(JProperty property, LocatedJson document)
    {
        var body = property.Value as JObject ?? [];
        var defaultValue = DefaultText(body["default"]);
        return new InputDefinition
        {
            Name = property.Name,
            Type = Text(body, "type") switch
            {
                "number" => InputType.Number,
                "boolean" => InputType.Boolean,
                "list" => InputType.List,
                _ => InputType.String,
            },
            Description = Text(body, "description") ?? "",
            Required = defaultValue is null && (body.Value<bool?>("required") ?? true),
            Default = defaultValue,
            Source = document.SpanOf(body) with { Start = document.LocationOf(property) },
        };
    }

    private static StopRule MapStop(JObject stop) => new()
    {
        Strategy = Enum.Parse<StopStrategy>(Text(stop, "strategy")!, ignoreCase: true),
        Window = stop.Value<int?>("window") ?? StopRule.DefaultWindow,
        Threshold = stop.Value<double?>("threshold") ?? StopRule.DefaultThreshold,
        Wave = stop.Value<int?>("wave"),
    };

    private static StageDefinition MapStage(JObject stage, LocatedJson document) =>
        MapKind(stage, document) with { When = Text(stage, "when") };

    private static StageDefinition MapKind(JObject stage, LocatedJson document)
    {
        var id = Text(stage, "id")!;
        var source = document.SpanOf(stage);
        return Text(stage, "kind") switch
        {
            "prompt" => new PromptStage { Id = id, Source = source, Prompt = MapPrompt(stage, document) },
            "fan_out" => new FanOutStage
            {
                Id = id,
                Source = source,
                Count = stage.Value<int>("count"),
                EarlyStop = stage.Value<bool?>("early_stop") ?? false,
                Stop = stage["stop"] is JObject stop ? MapStop(stop) : null,
                Body = PromptBody(stage, document),
                PatternBody = PatternBody(stage, document),
            },
            "map" => new MapStage
            {
                Id = id,
                Source = source,
                Over = Text(stage, "over")!,
                As = Text(stage, "as") ?? "item",
                Body = PromptBody(stage, document),
                PatternBody = PatternBody(stage, document),
            },
            "reduce" => new ReduceStage
            {
                Id = id,
                Source = source,
                From = Text(stage, "from")!,
                Method = Enum.Parse<ReduceMethod>(Text(stage, "method")!, ignoreCase: true),
                Separator = Text(stage, "separator") ?? "\n\n",
            },
            "refine" => new RefineStage
            {
                Id = id,
                Source = source,
                From = Text(stage, "from")!,
                MaxRounds = stage.Value<int?>("max_rounds") ?? 2,
                StopWhen = Text(stage, "stop_when")!,
                Critique = Prompt(stage, "critique", document),
                Revise = Prompt(stage, "revise", document),
            },
            "tournament" => new TournamentStage
            {
                Id = id,
                Source = source,
                Candidates = Names(stage, "candidates"),
                Bracket = Text(stage, "bracket") == "round_robin" ? BracketKind.RoundRobin : BracketKind.Knockout,
                Judge = Prompt(stage, "judge", document),
            },
            "guard" => new GuardStage
            {
                Id = id,
                Source = source,
                Text = Text(stage, "text")!,
                OnError = Text(stage, "on_error") == "allow" ? GuardAction.Allow : GuardAction.Block,
                Checks = [.. ((JArray)stage["checks"]!).Cast<JObject>().Select(c => MapCheck(c, document))],
            },
            "pattern" => new PatternStage { Id = id, Source = source, Call = PatternCalls.Map(stage, document) },
            "remember" => new RememberStage { Id = id, Source = source, From = Names(stage, "from") },
            "recall" => new RecallStage
            {
                Id = id,
                Source = source,
                Query = Text(stage, "query")!,
                TopK = stage.Value<int?>("top_k") ?? 5,
                MaxTokens = stage.Value<int?>("max_tokens") ?? 256,
            },
            var kind => throw new InvalidOperationException($"stage kind '{kind}' passed the schema but has no mapping"),
        };
    }

    private static GuardCheck MapCheck(JObject check, LocatedJson document) => new()
    {
        Detectors = Strings(check["detectors"]),
        RuleSets = Strings(check["rules"]),
        Patterns = Strings(check["regex"]),
        Words = Strings(check["words"]),
        Action = Text(check, "action") switch { "redact" => GuardAction.Redact, "allow" => GuardAction.Allow, _ => GuardAction.Block },
        Sentinel = check["sentinel"] is JObject sentinel ? MapPrompt(sentinel, document) : null,
        Moderation = check["moderation"] is JObject,
        ModerationModel = check["moderation"] is JObject moderation ? Text(moderation, "model") : null,
        Source = document.SpanOf(check),
    };

    private static ImmutableArray<string> Strings(JToken? list) => list is JArray items ? [.. items.Values<string>().OfType<string>()] : [];

    // A field that names one input or stage, or a list of them.
    private static ImmutableArray<string> Names(JObject stage, string field) =>
        stage[field] is JArray names ? [.. names.Values<string>().OfType<string>()] : [Text(stage, field)!];

    private static PromptSpec Prompt(JObject owner, string field, LocatedJson document) => MapPrompt((JObject)owner[field]!, document);

    // A body is a prompt, or a pattern run per sample or item when it names one.
    private static PromptSpec? PromptBody(JObject stage, LocatedJson document) =>
        stage["body"] is JObject body && !body.ContainsKey("pattern") ? MapPrompt(body, document) : null;

    private static PatternCall? PatternBody(JObject stage, LocatedJson document) =>
        stage["body"] is JObject body && body.ContainsKey("pattern") ? PatternCalls.Map(body, document) : null;

    private static PromptSpec MapPrompt(JObject prompt, LocatedJson document) => new()
    {
        Template = Text(prompt, "template")!,
        System = Text(prompt, "system"),
        Model = Text(prompt, "model") ?? PromptSpec.DefaultModel,
        MaxTokens = prompt.Value<int?>("max_tokens") ?? 256,
        Temperature = prompt.Value<double?>("temperature") ?? 0,
        OutputSchema = prompt["output_schema"]?.ToString(Formatting.None),
        Extract = prompt["extract"] is JObject extract
            ? new ExtractSpec { Regex = Text(extract, "regex"), JsonPath = Text(extract, "json_path"), FinalAnswer = extract.Value<bool?>("final_answer") == true }
            : null,
        Tools = prompt["tools"] is JArray tools ? [.. tools.Values<string>().OfType<string>()] : ImmutableArray<string>.Empty,
        MaxToolRounds = prompt.Value<int?>("max_tool_rounds") ?? 3,
        Source = document.SpanOf(prompt),
    };

    // A default is kept as the text a run would pass, so that `default: true` types and renders like `--input x=true`.
    private static string? DefaultText(JToken? value) => value switch
    {
        JValue { Value: bool truth } => truth ? "true" : "false",
        JValue { Value: double number } => number.ToString("R", CultureInfo.InvariantCulture),
        JValue { Value: not null } scalar => Convert.ToString(scalar.Value, CultureInfo.InvariantCulture),
        JArray items => items.ToString(Formatting.None),
        _ => null,
    };

    private static PercentRange? Range(JToken? range) =>
        range is JObject r ? new PercentRange(r.Value<double>("min"), r.Value<double>("max")) : null;

    private static string? Text(JObject owner, string field) => owner[field] is JValue { Value: not null } value
        ? Convert.ToString(value.Value, CultureInfo.InvariantCulture)
        : null;
}
