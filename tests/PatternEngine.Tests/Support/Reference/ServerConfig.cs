using System.Collections.Immutable;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// What a reference server serves: its models and the questions they know, or a script of replies (the scripted mode
/// of the provider and fault tests), and how it waits (tests inject a faster or no delay).
/// </summary>
public sealed record ServerConfig
{
    /// <summary>The models, by <see cref="ReferenceModel.Name"/>; a request for another model gets HTTP 404.</summary>
    public ImmutableArray<ReferenceModel> Models { get; init; } = [];

    /// <summary>The questions the models know.</summary>
    public ImmutableArray<ReferenceQuestion> Questions { get; init; } = [];

    /// <summary>
    /// Replies by request, consulted first: a reply it returns is sent as it is, whatever the model; null lets the model
    /// answer. With no models, every request must get a reply from it.
    /// </summary>
    public Func<ServerRequest, ServerReply?>? Script { get; init; }

    /// <summary>How the server waits for a model's latency; <see cref="Task.Delay(TimeSpan, CancellationToken)"/> unless a test passes its own.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Words that make <c>/v1/moderations</c> flag a text (as harassment), whatever their case.</summary>
    public ImmutableArray<string> FlaggedWords { get; init; } = [];

    /// <summary>An HTTP status <c>/v1/moderations</c> fails every request with, or <see cref="ModerationsEndpoint.Malformed"/>; null answers.</summary>
    public int? ModerationFault { get; init; }

    /// <summary>How the Batch API mishandles a batch, by its number from 0 (see <see cref="BatchFault"/>); null for none.</summary>
    public Func<int, BatchFault?>? BatchFaults { get; init; }

    /// <summary>
    /// Whether <see cref="ReferenceServer.Log"/> keeps every request and reply (the default); a scale measurement turns it
    /// off so that the server's own memory stays flat however many calls it serves. Judges and reviewers read the log.
    /// </summary>
    public bool KeepLog { get; init; } = true;

    /// <summary>The model named <paramref name="name"/>, if the server serves it.</summary>
    public ReferenceModel? Model(string name) => Models.FirstOrDefault(m => m.Name == name);
}
