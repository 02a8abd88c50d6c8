using System.ComponentModel;
using PatternEngine.Definitions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PatternEngine.Cli.Commands;

/// <summary>The options of the commands that run patterns for their answers (<c>run</c>, <c>bench</c>): what one run may spend.</summary>
internal abstract class RunLimitSettings : EngineSettings
{
    [CommandOption("--budget-tokens <N>")]
    [Description("The most tokens (sent plus answered) one run may spend; with the pattern's own budget, the stricter wins.")]
    public long? BudgetTokens { get; init; }

    [CommandOption("--budget-usd <DOLLARS>")]
    [Description("The most US dollars one run may spend at the catalog's prices; with the pattern's own budget, the stricter wins.")]
    public decimal? BudgetUsd { get; init; }

    [CommandOption("--budget-calls <N>")]
    [Description("The most model calls (every attempt) one run may make; with the pattern's own budget, the stricter wins.")]
    public int? BudgetCalls { get; init; }

    [CommandOption("--mode <NAME>")]
    [Description("Run in the pattern's mode NAME (its modes: in the file, for example fast or thorough): the stage settings that mode overrides.")]
    public string? Mode { get; init; }

    /// <summary>The budget the flags give; null when they give none.</summary>
    public RunBudget? Budget =>
        BudgetTokens is null && BudgetUsd is null && BudgetCalls is null
            ? null
            : new RunBudget { MaxTokens = BudgetTokens, MaxCostUsd = BudgetUsd, MaxCalls = BudgetCalls };

    public override ValidationResult Validate() =>
        BudgetTokens < 1 ? ValidationResult.Error($"--budget-tokens must be at least 1, not {BudgetTokens}")
        : BudgetUsd <= 0 ? ValidationResult.Error($"--budget-usd must be more than 0, not {BudgetUsd}")
        : BudgetCalls < 1 ? ValidationResult.Error($"--budget-calls must be at least 1, not {BudgetCalls}")
        : base.Validate();
}
