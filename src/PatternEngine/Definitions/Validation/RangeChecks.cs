namespace PatternEngine.Definitions.Validation;

/// <summary>Counts and limits stay in range. The schema checks files; this also checks definitions built in code.</summary>
internal static class RangeChecks
{
    public static void Run(ValidationContext context, StageDefinition stage)
    {
        switch (stage)
        {
            case FanOutStage { Count: < 1 or > FanOutStage.MaxCount } fanOut:
                context.Report(fanOut.Source.Of("count"), $"fan-out count {fanOut.Count} is out of range; use 1 to {FanOutStage.MaxCount}");
                break;
            case FanOutStage { Stop: { } stop } fanOut:
                StopChecks.Run(context, fanOut, stop);
                break;
            case RefineStage { MaxRounds: < 1 or > RefineStage.MaxRoundLimit } refine:
                context.Report(refine.Source.Of("max_rounds"), $"max_rounds {refine.MaxRounds} is out of range; use 1 to {RefineStage.MaxRoundLimit}");
                break;
            case RefineStage refine:
                RegexCheck.Run(context, refine.StopWhen, refine.Source.Of("stop_when"), "stop_when");
                break;
            case GuardStage guard:
                foreach (var check in guard.Checks)
                {
                    var rules = !check.Detectors.IsEmpty || !check.Patterns.IsEmpty || !check.Words.IsEmpty || !check.RuleSets.IsEmpty;
                    if ((rules ? 1 : 0) + (check.Sentinel is null ? 0 : 1) + (check.Moderation ? 1 : 0) != 1)
                    {
                        context.Report(check.Source.Start, "a guard check is one of: local rules (detectors, rules, regex, words), a sentinel, or moderation");
                    }

                    // The schema names the sets for files; a definition built in code is checked here.
                    foreach (var unknown in check.RuleSets.Where(name => !Guards.GuardRuleSets.Names.Contains(name)))
                    {
                        context.Report(check.Source.Of("rules"), $"unknown rule set '{unknown}'; use one of {string.Join(", ", Guards.GuardRuleSets.Names)}");
                    }

                    check.Patterns.ToList().ForEach(p => RegexCheck.Run(context, p, check.Source.Of("regex"), "regex"));
                }

                break;
        }

        if (stage.Includes is { Temperature: { } temperature } call && (temperature is < 0 or > 2 || double.IsNaN(temperature)))
        {
            context.Report(call.Source.Of("temperature"), $"temperature {temperature} is out of range; use 0 to 2");
        }

        foreach (var slot in stage.Prompts)
        {
            var prompt = slot.Prompt;
            if (prompt.MaxTokens is < 1 or > 32_768)
            {
                context.Report(prompt.Source.Of("max_tokens"), $"max_tokens {prompt.MaxTokens} is out of range; use 1 to 32768");
            }

            if (prompt.MaxToolRounds is < 1 or > 10)
            {
                context.Report(prompt.Source.Of("max_tool_rounds"), $"max_tool_rounds {prompt.MaxToolRounds} is out of range; use 1 to 10");
            }

            if (prompt.Temperature is < 0 or > 2 || double.IsNaN(prompt.Temperature))
            {
                context.Report(prompt.Source.Of("temperature"), $"temperature {prompt.Temperature} is out of range; use 0 to 2");
            }
        }
    }
}
