using System.ComponentModel;
using PatternEngine.Bench.Conversations;
using PatternEngine.Cli.Defaults;
using PatternEngine.Cli.Output;
using PatternEngine.Conversations;
using PatternEngine.Execution;
using PatternEngine.Execution.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>
/// <c>patterns converse PATTERN --turns FILE.jsonl</c>: plays a scripted conversation through a pattern, each turn a
/// run stored in the conversation store; <c>--forget ID</c> deletes a conversation and its memories.
/// </summary>
internal sealed class ConverseCommand(CliStreams streams, IAnsiConsole console, CliTelemetry telemetry) : AsyncCommand<ConverseCommand.Settings>
{
    public sealed class Settings : EngineSettings
    {
        [CommandArgument(0, "[FILE_OR_NAME]")]
        [Description("A pattern file, or the name of a built-in pattern (full-history, zero-token-memory, ...).")]
        public string? Pattern { get; init; }

        [CommandOption("--turns <FILE>")]
        [Description("The user's turns: one JSON object per line, {\"user\": \"...\", \"expected\": \"...\"} (expected optional, scored by containment).")]
        public string? Turns { get; init; }

        [CommandOption("--conversation <ID>")]
        [Description("Continue the stored conversation ID (or start one of that id); default: a new conversation.")]
        public string? Conversation { get; init; }

        [CommandOption("-i|--input <NAME=VALUE>")]
        [Description("Another input of the pattern, as name=value, the same on every turn.")]
        public string[] Inputs { get; init; } = [];

        [CommandOption("--seed <N>")]
        [Description("Every turn's seed; the same seed repeats the same conversation.")]
        public int Seed { get; init; } = 42;

        [CommandOption("--json")]
        [Description("Print the conversation (each turn's run record) as JSON on standard output.")]
        public bool Json { get; init; }

        [CommandOption("--store <FILE>")]
        [Description("The conversation store (default: patterns-conversations.db in the working directory).")]
        public string? Store { get; init; }

        [CommandOption("--no-store")]
        [Description("Keep nothing: the conversation and its memories live in memory and are gone when the command ends.")]
        public bool NoStore { get; init; }

        [CommandOption("--forget <ID>")]
        [Description("Delete the stored conversation ID, its turns and its memories, and run nothing.")]
        public string? Forget { get; init; }

        public override ValidationResult Validate() =>
            Forget is not null
                ? Pattern is not null || Turns is not null || Conversation is not null || NoStore
                    ? ValidationResult.Error("--forget deletes a stored conversation and runs nothing; give it alone (with --store if need be)")
                    : ValidationResult.Success()
            : Pattern is null ? ValidationResult.Error("name the pattern to converse with (a file, or a built-in such as zero-token-memory)")
            : Turns is null ? ValidationResult.Error("--turns FILE.jsonl gives the user's turns")
            : NoStore && (Store is not null || Conversation is not null) ? ValidationResult.Error("--no-store keeps no conversation: drop --store and --conversation")
            : Inputs.FirstOrDefault(i => !i.Contains('=', StringComparison.Ordinal)) is { } bad ? ValidationResult.Error($"--input takes name=value, not '{bad}'")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Forget is { } forget)
        {
            using var forgetting = SqliteConversationStore.Open(settings.Store ?? SqliteConversationStore.DefaultFileName);
            if (!await forgetting.ForgetAsync(forget, cancellationToken).ConfigureAwait(false))
            {
                throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"{forgetting.Path}: no conversation '{forget}' to forget");
            }

            streams.Out.WriteLine($"forgot conversation '{forget}': its turns and memories are deleted from {forgetting.Path}");
            return ExitCodes.Success;
        }

        // The turns are read before the model loads: a bad file is refused at once.
        var turns = ConversationScript.Load(settings.Turns!);
        var path = BuiltInLibrary.Instance.Resolve(settings.Pattern!);
        var definition = BuiltInLibrary.Instance.Load(path);
        using var store = settings.NoStore ? SqliteConversationStore.InMemory() : SqliteConversationStore.Open(settings.Store ?? SqliteConversationStore.DefaultFileName);
        using var engine = Engine.Create(settings, telemetry);
        var compiled = engine.Runtime.Compile(engine.Route(definition));
        var runner = new ConversationRunner(compiled, store, store);
        var conversation = await ConversationTurns.OpenAsync(runner, store, settings.Conversation, cancellationToken).ConfigureAwait(false);
        var inputs = InputArguments.Parse(settings.Inputs);
        var startup = await engine.WarmUpAsync(compiled, new Dictionary<string, string>(inputs) { [ConversationRunner.QuestionInput] = turns[0].User }, cancellationToken).ConfigureAwait(false);

        using var log = settings.Log is null ? null : new JsonLinesRunLog(settings.Log);
        var played = new List<ScriptedTurnResult>();
        var stored = settings.NoStore ? null : store.Path;
        try
        {
            await ScriptedConversation.RunAsync(runner, conversation, turns, new RunOptions { Seed = settings.Seed, Log = log }, inputs, played.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (PatternRunException failed)
        {
            // The turns before the failure are shown; the error goes to standard error, exit 1.
            Write(settings, conversation, stored, played, failed.Message, startup);
            throw;
        }

        Write(settings, conversation, stored, played, null, startup);
        engine.ThrowIfUnwritten(log);
        return ExitCodes.Success;
    }

    private void Write(Settings settings, string conversation, string? store, IReadOnlyList<ScriptedTurnResult> turns, string? failure, RunStartup startup)
    {
        if (settings.Json)
        {
            streams.Out.WriteLine(ConversationJson.Serialize(conversation, store, turns, failure, startup));
        }
        else
        {
            ConversationView.Write(console, conversation, store, turns, failure, startup);
        }
    }
}
