using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using Microsoft.SemanticKernel;
using PatternEngine.Definitions;
using PatternEngine.Execution;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Stages;

public sealed class ToolCallTests
{
    private static string Calculator(int maxToolRounds = 3) => $$$"""
        name: calculator
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - id: answer
            kind: prompt
            system: "You are careful with sums."
            template: "{{ question }}"
            tools: [math.evaluate]
            max_tool_rounds: {{{maxToolRounds}}}
        output: answer
        """;

    private sealed class MathPlugin
    {
        public ConcurrentQueue<string> Expressions { get; } = new();

        public KernelPlugin Create(Func<string, string>? evaluate = null) =>
            KernelPluginFactory.CreateFromFunctions("math",
            [
                KernelFunctionFactory.CreateFromMethod(
                    (string expression) =>
                    {
                        Expressions.Enqueue(expression);
                        return evaluate is null ? Evaluate(expression) : evaluate(expression);
                    },
                    "evaluate",
                    "Evaluates an arithmetic expression."),
            ]);

        private static string Evaluate(string expression)
        {
            using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
            return Convert.ToString(table.Compute(expression, null), CultureInfo.InvariantCulture)!;
        }
    }

    private static async Task<StageRecord> RunAsync(ScriptedChatClient model, KernelPlugin plugin, int maxToolRounds = 3)
    {
        var pattern = Patterns.Compile(Calculator(maxToolRounds), model, b => b.AddPlugins([plugin]));
        var record = await pattern.RunAsync(new Dictionary<string, string> { ["question"] = "What is 2+3?" });
        return Assert.Single(record.Stages);
    }

    [Fact]
    public async Task A_tool_call_runs_the_tool_and_sends_its_result_back()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => request.Number == 0
            ? "CALL math.evaluate {\"expression\": \"2+3\"}"
            : "The answer is 5.");

        var stage = await RunAsync(model, tools.Create());

        Assert.Equal(["2+3"], tools.Expressions);
        Assert.Equal("The answer is 5.", stage.Output.Text);
        Assert.Equal(2, stage.Calls);
        Assert.Empty(stage.Issues);

        var requests = model.Requests.OrderBy(r => r.Number).ToList();
        Assert.Contains("math.evaluate(expression: string)", requests[0].System, StringComparison.Ordinal);
        Assert.Contains("Evaluates an arithmetic expression.", requests[0].System, StringComparison.Ordinal);
        Assert.StartsWith("You are careful with sums.", requests[0].System, StringComparison.Ordinal);
        Assert.Equal("What is 2+3?", requests[0].Prompt);

        var turns = requests[1].Messages.Select(m => (m.Role.Value, m.Text)).ToList();
        Assert.Equal(4, turns.Count);
        Assert.Equal("system", turns[0].Value);
        Assert.Equal(("user", "What is 2+3?"), turns[1]);
        Assert.Equal(("assistant", "CALL math.evaluate {\"expression\": \"2+3\"}"), turns[2]);
        Assert.Equal(("user", "RESULT math.evaluate: 5"), turns[3]);

        var recorded = stage.CallRecords.Single(c => c.Messages.Length == 4);
        Assert.Equal(new SentMessage("user", "RESULT math.evaluate: 5"), recorded.Messages[3]);
        Assert.Equal("The answer is 5.", recorded.Response);

        var call = Assert.Single(stage.Details!["tool_calls"]!.AsArray())!;
        Assert.Equal("math.evaluate", (string?)call["tool"]);
        Assert.Equal("{\"expression\": \"2+3\"}", (string?)call["arguments"]);
        Assert.Equal("5", (string?)call["result"]);
        Assert.Null(call["error"]);
    }

    [Fact]
    public async Task A_tool_call_inside_an_answer_is_found_on_its_own_line()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => request.Number == 0
            ? "Let me check.\nCALL math.evaluate {\"expression\": \"6*7\"}\n"
            : "42");

        var stage = await RunAsync(model, tools.Create());

        Assert.Equal(["6*7"], tools.Expressions);
        Assert.Equal("42", stage.Output.Text);
    }

    [Fact]
    public async Task A_tool_that_throws_sends_its_error_back_to_the_model()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => request.Number == 0
            ? "CALL math.evaluate {\"expression\": \"1/0\"}"
            : "I could not compute it.");

        var stage = await RunAsync(model, tools.Create(_ => throw new InvalidOperationException("division by zero")));

        Assert.Equal("I could not compute it.", stage.Output.Text);
        Assert.Equal(2, stage.Calls);
        var call = Assert.Single(stage.Details!["tool_calls"]!.AsArray())!;
        Assert.Contains("division by zero", (string?)call["error"], StringComparison.Ordinal);
        Assert.StartsWith("error: ", (string?)call["result"], StringComparison.Ordinal);
        var resultTurn = model.Requests.Single(r => r.Number == 1).Prompt;
        Assert.StartsWith("RESULT math.evaluate: error: ", resultTurn, StringComparison.Ordinal);
        Assert.Contains("division by zero", resultTurn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tool_gets_an_error_result_naming_the_tools_available()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => request.Number == 0
            ? "CALL math.integrate {\"expression\": \"x\"}"
            : "never mind");

        var stage = await RunAsync(model, tools.Create());

        Assert.Empty(tools.Expressions);
        Assert.Equal("never mind", stage.Output.Text);
        var call = Assert.Single(stage.Details!["tool_calls"]!.AsArray())!;
        Assert.Equal("math.integrate", (string?)call["tool"]);
        Assert.Contains("unknown tool 'math.integrate'", (string?)call["error"], StringComparison.Ordinal);
        Assert.Contains("math.evaluate", (string?)call["error"], StringComparison.Ordinal);
        Assert.StartsWith("RESULT math.integrate: error: unknown tool", model.Requests.Single(r => r.Number == 1).Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_that_are_not_a_json_object_get_an_error_result()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => request.Number == 0
            ? "CALL math.evaluate {expression: }"
            : "never mind");

        var stage = await RunAsync(model, tools.Create());

        Assert.Empty(tools.Expressions);
        var call = Assert.Single(stage.Details!["tool_calls"]!.AsArray())!;
        Assert.Contains("not a JSON object", (string?)call["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_without_a_required_argument_gets_an_error_result()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => request.Number == 0 ? "CALL math.evaluate" : "never mind");

        var stage = await RunAsync(model, tools.Create());

        Assert.Empty(tools.Expressions);
        Assert.Equal("never mind", stage.Output.Text);
        var call = Assert.Single(stage.Details!["tool_calls"]!.AsArray())!;
        Assert.Equal("{}", (string?)call["arguments"]);
        Assert.NotNull((string?)call["error"]);
        Assert.StartsWith("RESULT math.evaluate: error: ", model.Requests.Single(r => r.Number == 1).Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_tools_stops_after_max_tool_rounds_with_an_issue()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => $"CALL math.evaluate {{\"expression\": \"{request.Number}+1\"}}");

        var stage = await RunAsync(model, tools.Create(), maxToolRounds: 2);

        Assert.Equal(["0+1", "1+1"], tools.Expressions);
        Assert.Equal(3, stage.Calls); // two tool rounds, then the answer that still calls one
        Assert.Equal(2, stage.Details!["tool_calls"]!.AsArray().Count);
        Assert.Contains("after 2 tool round(s)", Assert.Single(stage.Issues), StringComparison.Ordinal);
        Assert.Equal("CALL math.evaluate {\"expression\": \"2+1\"}", stage.Output.Text);

        var last = model.Requests.Single(r => r.Number == 2);
        Assert.Equal(
            ["system", "user", "assistant", "user", "assistant", "user"],
            last.Messages.Select(m => m.Role.Value));
        Assert.Equal("RESULT math.evaluate: 2", last.Prompt);
    }

    [Fact]
    public async Task A_prompt_without_tool_calls_has_no_tool_details()
    {
        var tools = new MathPlugin();
        var model = new ScriptedChatClient(request => "5");

        var stage = await RunAsync(model, tools.Create());

        Assert.Null(stage.Details);
        Assert.Equal(1, stage.Calls);
        Assert.Empty(tools.Expressions);
    }

    [Fact]
    public void A_tool_no_plugin_provides_is_refused_when_compiling()
    {
        var model = new ScriptedChatClient(request => "5");

        var error = Assert.Throws<PatternFileException>(() => Patterns.Compile(Calculator(), model));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("names tool 'math.evaluate', which no plugin provides", StringComparison.Ordinal));
    }
}
