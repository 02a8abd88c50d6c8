using PatternEngine.Definitions;

namespace PatternEngine.Budgets;

/// <summary>
/// What a run has spent of its budget, and what its calls in flight have reserved. A call reserves its worst case
/// before it is made (<see cref="TryReserve"/>) and settles to what it spent once answered (<see cref="Settle"/>), all
/// under one lock, so that concurrent calls (samples, map items, refine rounds) can never together pass a limit: a call
/// is made only when its worst case fits beside everything spent and reserved. The runner opens one per run; it flows
/// with the async context into every stage and included pattern of the run, where the budget guard finds it.
/// </summary>
internal sealed class BudgetLedger(RunBudget budget)
{
    private static readonly AsyncLocal<BudgetLedger?> CurrentLedger = new();

    private readonly Lock _lock = new();
    private long _tokens;
    private decimal _cost;
    private int _calls;

    public static BudgetLedger? Current => CurrentLedger.Value;

    public RunBudget Budget { get; } = budget;

    /// <summary>Tokens spent and reserved so far.</summary>
    public long Tokens
    {
        get
        {
            lock (_lock)
            {
                return _tokens;
            }
        }
    }

    /// <summary>Makes <paramref name="ledger"/> the one calls of the current async context (and what it starts) spend from.</summary>
    public static void Open(BudgetLedger? ledger) => CurrentLedger.Value = ledger;

    /// <summary>
    /// Reserves a call's worst case; null when it fits, else which limit it would pass (the call must not be made).
    /// </summary>
    public string? TryReserve(Spend worst)
    {
        lock (_lock)
        {
            var refusal = Budget.MaxCalls is { } maxCalls && _calls + 1 > maxCalls ? $"{maxCalls} calls ({_calls} made)"
                : Budget.MaxTokens is { } maxTokens && _tokens + worst.Tokens > maxTokens
                    ? $"{maxTokens} tokens ({_tokens} spent or reserved, the call may take {worst.Tokens})"
                : Budget.MaxCostUsd is { } maxCost && _cost + worst.CostUsd > maxCost
                    ? $"${maxCost} (${_cost} spent or reserved, the call may cost ${worst.CostUsd})"
                : null;
            if (refusal is null)
            {
                _calls++;
                _tokens += worst.Tokens;
                _cost += worst.CostUsd;
            }

            return refusal;
        }
    }

    /// <summary>Replaces a call's reservation with what it spent (the call still counts as made).</summary>
    public void Settle(Spend reserved, Spend spent)
    {
        lock (_lock)
        {
            _tokens += spent.Tokens - reserved.Tokens;
            _cost += spent.CostUsd - reserved.CostUsd;
        }
    }
}

/// <summary>Tokens and dollars a call reserves or spends.</summary>
internal readonly record struct Spend(long Tokens, decimal CostUsd);
