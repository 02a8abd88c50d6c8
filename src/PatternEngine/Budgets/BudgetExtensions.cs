using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;

namespace PatternEngine.Budgets;

/// <summary>Adds the run budget's guard to a chat client pipeline.</summary>
public static class BudgetExtensions
{
    /// <summary>
    /// Reserves each call's worst case against its run's budget before the call, and refuses calls that do not fit
    /// (<see cref="BudgetGuardChatClient"/>). Put it inside the resilience and outside the measurement.
    /// </summary>
    public static ChatClientBuilder UseBudgetGuard(this ChatClientBuilder builder, ModelCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new BudgetGuardChatClient(inner, catalog));
    }
}
