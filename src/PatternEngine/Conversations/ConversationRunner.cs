using System.Text.Json;
using PatternEngine.Compilation;
using PatternEngine.Execution;

namespace PatternEngine.Conversations;

/// <summary>
/// Holds conversations with one compiled pattern: each user turn is a run of the pattern, given the user's text as
/// its <c>question</c> input and, when the pattern declares a <c>history</c> input, the earlier turns as a list that
/// alternates the user's text and the answer, oldest first (a template gives them their chat roles by position, so
/// no text a user typed can choose one). Memory stages of the run use the conversation's memory. Each finished turn
/// is stored with what it cost, and its run record links to the conversation.
/// </summary>
/// <remarks>Thread-safe as far as the stores are; turns of one conversation must be sent one after the other.</remarks>
public sealed class ConversationRunner
{
    /// <summary>The input that receives the user's text.</summary>
    public const string QuestionInput = "question";

    /// <summary>The input that, when a pattern declares it, receives the earlier turns.</summary>
    public const string HistoryInput = "history";

    private readonly CompiledPattern _pattern;
    private readonly IConversationStore _store;
    private readonly IMemoryStore _memory;
    private readonly TimeProvider _time;
    private readonly bool _wantsHistory;

    /// <summary>Creates a runner of <paramref name="pattern"/> over the given stores.</summary>
    /// <exception cref="ConversationException">The pattern has no <c>question</c> input.</exception>
    public ConversationRunner(CompiledPattern pattern, IConversationStore store, IMemoryStore memory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(memory);
        var inputs = pattern.Definition.Inputs;
        if (!inputs.Any(i => i.Name == QuestionInput))
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput,
                $"pattern '{pattern.Definition.Name}' has no input '{QuestionInput}': a conversation gives each turn's text to it");
        }

        _pattern = pattern;
        _store = store;
        _memory = memory;
        _time = time ?? TimeProvider.System;
        _wantsHistory = inputs.Any(i => i.Name == HistoryInput);
    }

    /// <summary>Starts a conversation with the pattern; a new id is made when <paramref name="id"/> is null.</summary>
    /// <exception cref="ConversationException">A conversation of that id exists already.</exception>
    public Task<ConversationInfo> StartAsync(string? id = null, CancellationToken cancellationToken = default) =>
        _store.StartAsync(id, _pattern.Definition.Name, cancellationToken);

    /// <summary>
    /// Runs the next turn of conversation <paramref name="conversationId"/>: the pattern answers <paramref name="user"/>
    /// (with <paramref name="inputs"/> for its other inputs), the turn is stored, and the run's record links to it.
    /// A run that fails stores no turn (what it remembered stays, at the index the next turn takes).
    /// </summary>
    /// <exception cref="ConversationException">The conversation does not exist, or is held with another pattern.</exception>
    /// <exception cref="PatternRunException">The run failed; its partial record is kept.</exception>
    public async Task<RunRecord> SendAsync(
        string conversationId, string user, IReadOnlyDictionary<string, string>? inputs = null, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(user);
        var conversation = await _store.FindAsync(conversationId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConversationException(PatternEngineErrorKind.InvalidInput, $"no conversation '{conversationId}' in the store");
        if (conversation.Pattern != _pattern.Definition.Name)
        {
            throw new ConversationException(PatternEngineErrorKind.InvalidInput,
                $"conversation '{conversationId}' is held with pattern '{conversation.Pattern}', not '{_pattern.Definition.Name}'");
        }

        var earlier = await _store.TurnsAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var given = new Dictionary<string, string>(inputs ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [QuestionInput] = user,
        };
        if (_wantsHistory)
        {
            given[HistoryInput] = JsonSerializer.Serialize(earlier.SelectMany(t => new[] { t.User, t.Answer }));
        }

        var index = earlier.Count;
        var scope = new ConversationScope(conversationId, index, _memory);
        var record = await _pattern.RunAsync(given, (options ?? new RunOptions()) with { Conversation = scope }, cancellationToken).ConfigureAwait(false);
        await _store.AppendAsync(conversationId, new ConversationTurn
        {
            Index = index,
            User = user,
            Answer = record.Output.AsItem() ?? "",
            Pattern = record.Pattern,
            InputTokens = record.Totals.InputTokens,
            OutputTokens = record.Totals.OutputTokens,
            CostUsd = record.Totals.CostUsd,
            WallMs = record.Totals.WallMs,
            At = _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        return record with { Conversation = new ConversationLink(conversationId, index) };
    }
}
