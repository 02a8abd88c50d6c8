using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using PatternEngine.Models.Calls;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Measurement;
using PatternEngine.Models.Resilience;
using PatternEngine.Models.Routing;

namespace PatternEngine.Budgets;

/// <summary>
/// Keeps every attempt of a run within the run's budget (<see cref="Definitions.RunBudget"/>): before an attempt is
/// made it reserves the attempt's worst case (its prompt's tokens, counted with the route model's tokenizer where
/// known, plus its <c>max_tokens</c>; the cost of both at the catalog's price of the model the route answers with), and
/// once answered it settles to the usage the answer reports. An attempt whose worst case does not fit beside what the
/// run spent and reserved is not made: it throws <see cref="BudgetExceededException"/>, which no retry or fallback
/// acts on. It sits inside the resilience, so that every retry and fallback is reserved on its own, at its own
/// route's price; and outside the measurement, so that a refused call reaches nothing. Outside a run with a budget
/// it passes calls straight through.
/// </summary>
public sealed class BudgetGuardChatClient : DelegatingChatClient
{
    private readonly ModelCatalog _catalog;
    private readonly ModelRouter _router;

    /// <summary>Guards the calls to <paramref name="inner"/>, which must hold a <see cref="ModelRouter"/>; prices from <paramref name="catalog"/>.</summary>
    /// <exception cref="ArgumentException">No router answers <c>GetService</c> inside <paramref name="inner"/>.</exception>
    public BudgetGuardChatClient(IChatClient inner, ModelCatalog? catalog = null)
        : base(inner)
    {
        _catalog = catalog ?? ModelCatalog.Empty;
        _router = inner.GetService<ModelRouter>()
            ?? throw new ArgumentException("no ModelRouter inside: a budget prices each call at its route's model", nameof(inner));
    }

    // Outside a run with a budget the call is handed on as it is: no state machine, no wrapped stream on every call.

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        BudgetLedger.Current is { } ledger
            ? GuardedAsync(ledger, messages, options, cancellationToken)
            : base.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        BudgetLedger.Current is { } ledger
            ? GuardedStreamAsync(ledger, messages, options, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async Task<ChatResponse> GuardedAsync(BudgetLedger ledger, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var (model, reserved) = Reserve(ledger, sent, options);
        try
        {
            var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
            ledger.Settle(reserved, Spent(response.Usage, response.ModelId ?? model) ?? reserved);
            return response;
        }
        catch (Exception e)
        {
            ledger.Settle(reserved, Spent((e as ProviderCallException)?.Usage, model) ?? default);
            throw;
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> GuardedStreamAsync(
        BudgetLedger ledger, IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var (model, reserved) = Reserve(ledger, sent, options);
        var updates = new List<ChatResponseUpdate>();
        var settled = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                yield return update;
            }

            var response = StreamedResponse.Gather(updates);
            ledger.Settle(reserved, Spent(response.Usage, response.ModelId ?? model) ?? reserved);
            settled = true;
        }
        finally
        {
            if (!settled)
            {
                // A stream that failed or was abandoned may have been billed for what it sent: its reservation stays.
                ledger.Settle(reserved, reserved);
            }
        }
    }

    private (string? Model, Spend Reserved) Reserve(BudgetLedger ledger, IReadOnlyList<ChatMessage> sent, ChatOptions? options)
    {
        var call = ModelCallContext.Of(options);
        var route = _router.Resolve(options?.ModelId ?? call.Route);
        var model = route.ModelId ?? route.Client.GetService<ChatClientMetadata>()?.DefaultModelId;
        var entry = _catalog.Find(model);
        var needsTokens = ledger.Budget.MaxTokens is not null || ledger.Budget.MaxCostUsd is not null;
        Spend worst = default;
        if (needsTokens)
        {
            var output = Max(options?.MaxOutputTokens, entry?.Settings?.MaxOutputTokens)
                ?? throw new BudgetExceededException(call.Stage, ledger.Budget, "what the budget can bound: the call sets no max_tokens, so its answer has no limit");
            var prompt = PromptTokens.Count(route.Client, model, sent, options);
            worst = new Spend(prompt + output, entry?.CostOf(prompt, output) ?? 0);
        }

        if (ledger.TryReserve(worst) is { } limit)
        {
            throw new BudgetExceededException(call.Stage, ledger.Budget, limit);
        }

        return (model, worst);
    }

    private Spend? Spent(UsageDetails? usage, string? model)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            return null;
        }

        long input = usage.InputTokenCount ?? 0, output = usage.OutputTokenCount ?? 0;
        return new Spend(input + output, _catalog.Find(model)?.CostOf(input, output) ?? 0);
    }

    private static int? Max(int? a, int? b) => a is { } x && b is { } y ? Math.Max(x, y) : a ?? b;
}
