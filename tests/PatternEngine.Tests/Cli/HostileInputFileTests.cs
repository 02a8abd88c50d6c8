using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PatternEngine.Tests.Cli;

/// <summary>
/// Issue 11's reproducers in files: each is refused by <c>patterns validate</c> (or <c>run</c>) with exit 2 and
/// <c>file:line:column: message</c>, quickly, never with a crash, a hang or a stack trace.
/// </summary>
public sealed class HostileInputFileTests : IDisposable
{
    // Generous: each of these ran for 15 s to minutes, or killed the process, before the limits.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const string Header = "name: x\nversion: 1\ninputs:\n  question: { type: string }\nstages:\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string, int, int, string> Refused => new()
    {
        // 1. Stack overflows: a self-referencing alias; a flow mapping nested 20,000 levels deep.
        { "self-alias", "a: &a [*a]\n", 1, 8, "the alias '*a' is used inside the node it names" },
        { "deep-flow", "a: " + new string('[', 20_000) + new string(']', 20_000) + "\n", 1, 67, "the file nests deeper than 64 levels" },
        { "deep-mapping", "a: " + string.Concat(Enumerable.Repeat("{b: ", 20_000)) + "1" + new string('}', 20_000) + "\n", 1, 256, "the file nests deeper than 64 levels" },

        // 3. Billion laughs, 9 and 8 levels of nested aliases.
        { "laughs-9", Laughs(9), 6, 10, "the file holds more than 100,000 values" },
        { "laughs-8", Laughs(8), 6, 10, "the file holds more than 100,000 values" },

        // 5. A 42 KB deeply nested value under type:.
        { "deep-type", Header + "  - id: a\n    kind: prompt\n    template: x\n    output_schema: { type: " + new string('[', 21_000) + new string(']', 21_000) + " }\noutput: a\n", 9, 88, "the file nests deeper than 64 levels" },

        // 6. Exit 1 without a location, before (the kind whose fields are another kind's was found by the fuzzer).
        { "tagged-duplicate", "name: x\nversion: 1\n!!str name: y\nstages: [{id: a, kind: prompt, template: x}]\noutput: a\n", 3, 1, "duplicate key 'name'; it is already set on line 1" },
        { "colon-brace", ": {\nh\n", 2, 1, "invalid YAML" },
        { "kind-mapping", Header + "  - id: a\n    kind: {}\n    system: false\noutput: a\n", 7, 11, "'stages[0].kind' as a mapping is not allowed" },
        { "kind-of-other-fields", Header + "  - id: a\n    kind: prompt\n    template: x\n  - id: vote\n    kind: fan_out\n    from: a\n    method: vote\noutput: vote\n", 9, 5, "'stages[1]' is missing the required field 'count'" },
        { "huge-json-path", Header + "  - id: a\n    kind: prompt\n    template: x\n    extract: { json_path: \"$[99999999999]\" }\noutput: a\n", 9, 14, "'extract.json_path' is not a valid JSON path" },

        // 7. Valid, then failing at run time, before.
        { "id-with-line-break", Header + "  - id: \"a\\n\"\n    kind: prompt\n    template: x\noutput: a\n", 6, 9, "the stage id \"a\\n\" must be lower-case letters" },
        { "schema-ref-to-itself", Header + "  - id: a\n    kind: prompt\n    template: x\n    output_schema: { $ref: \"#\" }\noutput: a\n", 9, 20, "the schema applies itself to the same value without end (# -> #)" },
        { "schema-multiple-of-0", Header + "  - id: a\n    kind: prompt\n    template: x\n    output_schema: { type: number, multipleOf: 0 }\noutput: a\n", 9, 20, "'multipleOf' must be a number greater than 0" },
        { "schema-bad-pattern", Header + "  - id: a\n    kind: prompt\n    template: x\n    output_schema: { type: string, pattern: \"(\" }\noutput: a\n", 9, 20, "'pattern' is not a valid regular expression" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Validate_refuses_each_with_its_location_quickly(string name, string text, int line, int column, string message)
    {
        var file = _dir.Write(name + ".yaml", text);

        var watch = Stopwatch.StartNew();
        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(watch.Elapsed < Patience, $"{name} took {watch.Elapsed}");
        CliHarness.AssertInvalidInput(result);
        var first = CliHarness.DiagnosticLine().Match(result.ErrorLines[0]);
        Assert.True(first.Success, result.ToString());
        Assert.Equal((file, line, column), (first.Groups["file"].Value, int.Parse(first.Groups["line"].Value), int.Parse(first.Groups["column"].Value)));
        Assert.Contains(message, first.Groups["message"].Value, StringComparison.Ordinal);
        Assert.All(result.ErrorLines, l => Assert.Matches(CliHarness.DiagnosticLine(), l));
    }

    [Fact]
    public async Task Run_refuses_a_self_referencing_alias_too()
    {
        var file = _dir.Write("self-alias.yaml", "a: &a [*a]\n");

        var result = await CliHarness.RunAsync("run", file);

        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith($"{file}:1:8: the alias '*a'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_providers_file_with_a_self_referencing_alias_is_refused_with_its_location()
    {
        var providers = _dir.Write("providers.yaml", "providers: &p { local: { endpoint: \"http://127.0.0.1:1/v1\", extra: *p } }\n");

        var result = await CliHarness.RunAsync("run", "baseline", "-i", "question=x", "--providers", providers);

        CliHarness.AssertInvalidInput(result);
        Assert.Equal($"{providers}:1:68: the alias '*p' is used inside the node it names; a value cannot contain itself", Assert.Single(result.ErrorLines));
    }

    // 4. Validation made network requests: an external $ref is refused, and nothing connects.
    [Fact]
    public async Task An_external_ref_in_an_output_schema_is_refused_without_a_request()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var file = _dir.Write("external-ref.yaml", Header + $"  - id: a\n    kind: prompt\n    template: x\n    output_schema: {{ $ref: \"http://127.0.0.1:{port}/s.json\" }}\noutput: a\n");

        var watch = Stopwatch.StartNew();
        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith($"{file}:9:20: 'output_schema' is not a usable JSON Schema: at '#': '$ref' refers outside the schema", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(server.Pending(), "validation connected to the schema's server");
    }

    // 5. Quadratic validation: 50,000 variables on one quoted line (700 KB) took 42 s.
    [Fact]
    public async Task Fifty_thousand_variables_on_one_quoted_line_validate_in_reasonable_time()
    {
        var template = string.Concat(Enumerable.Repeat("{{ question }}", 50_000));
        var file = _dir.Write("many.yaml", Header + $"  - id: a\n    kind: prompt\n    template: \"{template}\"\noutput: a\n");

        var watch = Stopwatch.StartNew();
        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(watch.Elapsed < Patience, watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Aliases_within_the_limits_still_work()
    {
        var file = _dir.Write("aliases.yaml", Header + """
              - id: a
                kind: prompt
                template: &t "Q: {{ question }}"
                max_tokens: &n 8
              - id: b
                kind: prompt
                template: *t
                max_tokens: *n
            output: b

            """);

        var result = await CliHarness.RunAsync("validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task A_pattern_file_over_one_mebibyte_is_refused_before_it_is_read()
    {
        var file = _dir.Write("huge.yaml", Header + "# " + new string('x', 1 << 20) + "\n");

        var result = await CliHarness.RunAsync("validate", file);

        CliHarness.AssertInvalidInput(result);
        Assert.Matches(@"^.+huge\.yaml:1:1: the pattern file is [\d,]+ bytes; it may be at most 1,048,576 \(1 MiB\)$", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("validate", "/dev/zero")]
    [InlineData("--replay", "/dev/zero")]
    public async Task A_device_that_never_ends_is_refused_rather_than_read(string how, string device)
    {
        string[] args = how == "validate" ? ["validate", device] : ["run", "baseline", "-i", "question=x", how, device];

        var result = await CliHarness.RunAsync(args).WaitAsync(TimeSpan.FromSeconds(60));

        CliHarness.AssertInvalidInput(result);
        Assert.Contains("is not a regular file", result.ToString(), StringComparison.Ordinal);
    }

    // 12. A key given as the variable's name was echoed back; a key went over plain http with no warning.
    [Fact]
    public async Task A_key_given_to_api_key_env_is_refused_without_being_shown()
    {
        const string key = "sk_live_51HqLyjWDarjtT1zdp7dc";

        var result = await CliHarness.RunAsync("run", "baseline", "-i", "question=x", "--endpoint", "https://api.example.com/v1", "--model", "m", "--api-key-env", key);

        CliHarness.AssertInvalidInput(result);
        Assert.Equal("--endpoint:1:1: --api-key-env looks like an API key, not the name of an environment variable; put the key in a variable and name that here (the value is not shown)", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain(key, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_over_plain_http_to_another_host_is_refused()
    {
        var result = await CliHarness.RunAsync("run", "baseline", "-i", "question=x", "--endpoint", "http://10.0.0.5:8080/v1", "--model", "m", "--api-key-env", "SOME_KEY");

        CliHarness.AssertInvalidInput(result);
        Assert.StartsWith("--endpoint:1:1: provider 'endpoint' would send its API key over plain http to 10.0.0.5", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static string Laughs(int levels)
    {
        var lines = new List<string> { "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var level = 1; level < levels; level++)
        {
            lines.Add($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]");
        }

        return string.Join('\n', lines) + "\n";
    }
}
