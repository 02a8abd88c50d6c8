namespace PatternEngine.Fuzz;

/// <summary>
/// The valid files mutations start from: the built-in patterns, golden files, providers files and the committed
/// cassettes of the repository, and a few samples written here that use what the built-in ones do not.
/// </summary>
internal sealed class FuzzCorpus
{
    private FuzzCorpus(string root)
    {
        Root = root;
        Patterns = [.. Directory.GetFiles(Path.Combine(root, "patterns"), "*.yaml").Order(StringComparer.Ordinal).Select(Read), .. PatternSamples];
        Golden = [Read(Path.Combine(root, "tests", "PatternEngine.Tests", "Cli", "Golden", "stories.jsonl")), ("golden-sample", GoldenSample)];
        Providers = [("providers-sample", ProvidersSample), ("providers-minimal", "providers:\n  local: { endpoint: \"http://127.0.0.1:8080/v1\" }\nmodels:\n  default: { provider: local, model: m }\n")];
        Cassettes = [.. Directory.GetFiles(Path.Combine(root, "tests", "PatternEngine.Tests", "Cassettes"), "*.jsonl").Order(StringComparer.Ordinal).Select(Read)];
    }

    /// <summary>The repository the corpus was read from.</summary>
    public string Root { get; }

    public IReadOnlyList<(string Name, string Text)> Patterns { get; }

    public IReadOnlyList<(string Name, string Text)> Golden { get; }

    public IReadOnlyList<(string Name, string Text)> Providers { get; }

    /// <summary>Each committed cassette, named after the built-in pattern it replays.</summary>
    public IReadOnlyList<(string Name, string Text)> Cassettes { get; }

    /// <summary>The seeds of one kind.</summary>
    public IReadOnlyList<(string Name, string Text)> Of(FuzzKind kind) => kind switch
    {
        FuzzKind.Pattern => Patterns,
        FuzzKind.Golden => Golden,
        FuzzKind.Providers => Providers,
        _ => Cassettes,
    };

    /// <summary>The corpus of the repository at or above <paramref name="start"/> (the working directory by default).</summary>
    public static FuzzCorpus Load(string? start = null)
    {
        foreach (var from in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "PatternEngine.sln")))
                {
                    return new FuzzCorpus(directory.FullName);
                }
            }
        }

        throw new InvalidOperationException("the fuzzer reads its seeds from the repository; run it inside it");
    }

    private static (string, string) Read(string path) => (Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));

    private static readonly (string, string)[] PatternSamples =
    [
        ("sample-map-when", """
            name: sample-map-when
            version: 1.0.0
            inputs:
              question: { type: string }
              items: { type: list, required: false, default: "" }
              strict: { type: boolean, default: false }
            stages:
              - id: outline
                kind: prompt
                template: "Outline {{ question }} as a JSON array"
                output_schema: { type: array, items: { type: string, maxLength: 200 }, maxItems: 8 }
              - id: points
                kind: map
                over: outline
                as: point
                when: "outline.size > 0 && !strict"
                body:
                  template: "{{ index }}: {{ point | string.upcase }}"
                  extract: { regex: "([A-Z]+)" }
              - id: joined
                kind: reduce
                from: points
                method: join
                separator: ", "
            output: joined
            """),
        ("sample-json-path", """
            name: sample-json-path
            version: 2
            inputs:
              question: { type: string }
            stages:
              - id: person
                kind: prompt
                system: "{{ role 'system' }}Answer in JSON."
                template: "{{ question }}"
                output_schema:
                  type: object
                  required: [name]
                  properties:
                    name: { type: string, pattern: "^[A-Z][a-z]+$" }
                    age: { type: integer, minimum: 0, maximum: 150 }
                    tags: { type: array, items: { enum: [a, b, c] } }
                extract: { json_path: "$.name" }
              - id: check
                kind: refine
                from: person
                stop_when: "(?i)accept"
                max_rounds: 2
                critique: { template: "Critique {{ draft }} (round {{ round }})" }
                revise: { template: "Revise {{ draft }} per {{ critique }}" }
            output: check
            """),
    ];

    private const string GoldenSample = """
        {"id": "add-1", "inputs": {"question": "What is 12 + 30?"}, "expected": "42", "scorer": "numeric"}
        {"id": "pi", "inputs": {"question": "Pi to two places?"}, "expected": 3.14, "scorer": "numeric", "tolerance": 0.005}
        {"id": "capital", "inputs": {"question": "Capital of France?"}, "expected": "Paris", "scorer": "contains"}
        {"id": "digits", "inputs": {"question": "A number?"}, "expected": "^[0-9]+$", "scorer": "regex"}
        {"id": "person", "inputs": {"question": "Who is Ada?"}, "scorer": "json-schema", "schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "pattern": "^[A-Z]"}}}}
        {"id": "story", "inputs": {"question": "Once upon a time", "candidates": ["a", "b"]}}
        """;

    private const string ProvidersSample = """
        providers:
          openai:
            endpoint: https://api.openai.com/v1
            api_key_env: OPENAI_API_KEY
            default_model: gpt-4.1-mini
            timeout_seconds: 60
            max_concurrency: 8
            retries: { max_attempts: 3, base_delay_ms: 1000, max_delay_ms: 30000 }
            circuit_breaker: { failure_ratio: 0.5, minimum_throughput: 10, sampling_seconds: 30, break_seconds: 15 }
          local: { endpoint: "http://127.0.0.1:8080/v1", function_calling: false, structured_output: false }
        models:
          default: { provider: openai, model: gpt-4.1-mini, fallback: cheap }
          cheap:   { provider: local, model: qwen2.5-7b }
        """;
}
