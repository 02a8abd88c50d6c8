using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LLama.Native;
using Microsoft.Extensions.AI;
using PatternEngine.Budgets;
using PatternEngine.Models.Calls;

namespace PatternEngine.Models.Local;

/// <summary>
/// A <see cref="GgufModel"/> as an <see cref="IChatClient"/>. Safe to call concurrently: concurrent
/// calls, streaming or not, decode together in batches (<see cref="GgufBatchScheduler"/>), one
/// sequence each, on the thread pool rather than the caller's thread. A call's answer is the same
/// alone or in any batch.
/// </summary>
internal sealed class GgufChatClient : IChatClient, IPromptTokenCounter
{
    private const string ProviderName = "llamasharp";

    // The adapter counts tokens itself (LLamaSharp reports none), and says so for the run record.
    private static readonly AnswerProvenance CountedByTokenizer = new() { UsageSource = UsageSource.Tokenizer };

    private readonly GgufModel model;
    private readonly GgufBatchScheduler scheduler;
    private readonly ChatClientMetadata metadata;

    /// <summary>Creates the client; <see cref="GgufModel.AsChatClient"/> hands out the one instance.</summary>
    /// <param name="model">The loaded model.</param>
    public GgufChatClient(GgufModel model)
    {
        this.model = model;
        scheduler = new GgufBatchScheduler(model);
        metadata = new ChatClientMetadata(ProviderName, providerUri: null, model.ModelId);
    }

    /// <summary>What gathers this client's calls into batches.</summary>
    internal GgufBatchScheduler Scheduler => scheduler;

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var (prompt, settings) = Prepare(messages, options);
        var result = await RunAsync(prompt, settings, onText: null, cancellationToken).ConfigureAwait(false);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            ModelId = model.ModelId,
            FinishReason = result.FinishReason,
            Usage = result.ToUsage(),
        };
        AnswerProvenance.Set(response, CountedByTokenizer);
        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (prompt, settings) = Prepare(messages, options);
        var messageId = Guid.NewGuid().ToString("N");
        var pieces = Channel.CreateUnbounded<string>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        // Cancelled when the consumer stops early, so the decode does not run on unobserved.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync();
        try
        {
            await foreach (var piece in pieces.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return Update(messageId, [new TextContent(piece)]);
            }

            var result = await producer.ConfigureAwait(false);
            var last = Update(messageId, [new UsageContent(result.ToUsage())]);
            last.FinishReason = result.FinishReason;
            AnswerProvenance.Set(last, CountedByTokenizer);
            yield return last;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await ((Task)producer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        async Task<GgufGenerationResult> ProduceAsync()
        {
            try
            {
                return await RunAsync(prompt, settings, piece => pieces.Writer.TryWrite(piece), stop.Token)
                    .ConfigureAwait(false);
            }
            finally
            {
                pieces.Writer.TryComplete();
            }
        }
    }

    /// <summary>The tokens a request takes as this model is fed it: exactly what a run's budget reserves for its prompt.</summary>
    public long CountPromptTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => Prepare(messages, options).Prompt.Length;

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        // Semantic Kernel asks for the metadata and throws without it.
        if (serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        if (serviceType == typeof(GgufModel))
        {
            return model;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the client belongs to its model, which owns the weights.</summary>
    public void Dispose()
    {
    }


    private (LLamaToken[] Prompt, GgufGenerationSettings Settings) Prepare(
        IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // Instructions are a system message that comes first.
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            messages = [new ChatMessage(ChatRole.System, options.Instructions), .. messages];
        }

        var prompt = model.Tokenize(GgufPromptFormat.Format(messages));
        return (prompt, GgufGenerationSettings.From(options, model.Options.DefaultMaxOutputTokens));
    }

    private async Task<GgufGenerationResult> RunAsync(
        LLamaToken[] prompt,
        GgufGenerationSettings settings,
        Action<string>? onText,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var request = new GgufRequest(prompt, settings, onText, cancellationToken);
        scheduler.Enqueue(request);
        return await request.Completion.ConfigureAwait(false);
    }

    private ChatResponseUpdate Update(string messageId, IList<AIContent> contents) =>
        new(ChatRole.Assistant, contents) { MessageId = messageId, ResponseId = messageId, ModelId = model.ModelId };
}
