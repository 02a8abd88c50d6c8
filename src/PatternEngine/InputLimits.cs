namespace PatternEngine;

/// <summary>
/// The bounds on everything the engine reads from outside: pattern, golden, providers, catalog, SLO, plan and cassette
/// files, and models' answers. Every loader and every check at run time uses these, so that no input can crash the
/// process, hang it or take unbounded memory. The README's "Limits" section lists them.
/// </summary>
public static class InputLimits
{
    /// <summary>The largest YAML file (pattern, providers, catalog, SLO, plan): 1 MiB.</summary>
    public const int MaxYamlFileChars = 1 << 20;

    /// <summary>How deep mappings and lists may nest in a YAML file.</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>
    /// The most values (mappings, lists, scalars) a YAML document may hold once its aliases are expanded; each use of
    /// an alias counts every value it stands for, so a "billion laughs" file is refused at once.
    /// </summary>
    public const int MaxYamlValues = 100_000;

    /// <summary>How deep arrays and objects may nest in JSON: a golden or cassette line, a schema, a model's answer.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>The largest golden file: 64 MiB.</summary>
    public const long MaxGoldenFileBytes = 64L << 20;

    /// <summary>The longest line of a golden file: 1 MiB.</summary>
    public const int MaxGoldenLineChars = 1 << 20;

    /// <summary>The largest cassette file: 128 MiB.</summary>
    public const long MaxCassetteFileBytes = 128L << 20;

    /// <summary>The most bytes a provider's answer (one HTTP response body, streamed or not) may hold: 32 MiB.</summary>
    public const long MaxProviderResponseBytes = 32L << 20;

    /// <summary>The longest line of a cassette (one call with its messages and answer): 16 MiB.</summary>
    public const int MaxCassetteLineChars = 16 << 20;

    /// <summary>The largest prompt a template may render (all its messages together): 1 MiB of text.</summary>
    public const int MaxPromptChars = 1 << 20;

    /// <summary>The most iterations of the loops of one template or <c>when</c> evaluation.</summary>
    public const int TemplateLoopLimit = 10_000;

    /// <summary>How deep a template's functions may call themselves.</summary>
    public const int TemplateRecursionLimit = 50;

    /// <summary>The most values (keywords, subschemas and their contents) a JSON Schema may hold.</summary>
    public const int MaxSchemaValues = 10_000;

    /// <summary>
    /// The most schema checks one answer may cost (one check is one value against one subschema); past it the answer
    /// is not checked and the stage says so.
    /// </summary>
    public const int MaxSchemaChecks = 100_000;

    /// <summary>The longest answer that is parsed as JSON (for an output schema, a JSON path, a json-schema scorer).</summary>
    public const int MaxJsonAnswerChars = 1 << 20;

    /// <summary>
    /// The most subschemas that may apply to one value through <c>$ref</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>,
    /// <c>not</c> and <c>if</c>/<c>then</c>/<c>else</c>, counted with repeats; a schema whose branches multiply past
    /// it is refused when it is loaded.
    /// </summary>
    public const int MaxSchemaBranches = 1_000;

    /// <summary>
    /// The most items a map runs over, or a tournament ranks: a list an answer made can be as long as the answer, and
    /// each item costs a call (a round robin, a call per pair).
    /// </summary>
    public const int MaxListItems = 1_000;

    /// <summary>The largest token count one recorded call may claim.</summary>
    public const long MaxTokensPerCall = 100_000_000;

    /// <summary>The longest latency one recorded call may claim, in milliseconds: a day.</summary>
    public const double MaxLatencyMs = 86_400_000;

    /// <summary>How long any regular expression may run on one text: extract, stop_when, a golden case's regex, a
    /// JSON Schema <c>pattern</c>, a regex in a template or <c>when</c>.</summary>
    public static TimeSpan RegexTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one template render, one <c>when</c> evaluation, or one answer's schema check may run.</summary>
    public static TimeSpan EvaluationTimeout { get; } = TimeSpan.FromSeconds(2);
}
