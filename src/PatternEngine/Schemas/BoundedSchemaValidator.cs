using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PatternEngine.Schemas;

/// <summary>
/// NJsonSchema's validator for one answer, within limits: at most <see cref="InputLimits.MaxSchemaChecks"/> checks of
/// a value against a subschema, at most <see cref="InputLimits.EvaluationTimeout"/>, never deeper than the stack
/// allows, and with <see cref="SelfCheckedKeywords"/> checked here. Past a limit it throws
/// <see cref="SchemaCheckStoppedException"/>.
/// </summary>
internal sealed class BoundedSchemaValidator(SelfCheckedKeywords keywords, TimeProvider time) : JsonSchemaValidator(new JsonSchemaValidatorSettings())
{
    private readonly long _started = time.GetTimestamp();
    private int _checks;

    /// <summary>Validates a value against a subschema, as NJsonSchema validates a property's value.</summary>
    public ICollection<ValidationError> ValidateChild(JToken token, JsonSchema schema) =>
        Validate(token, schema.ActualSchema, SchemaType.JsonSchema, null, token.Path);

    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        if (++_checks > InputLimits.MaxSchemaChecks)
        {
            throw new SchemaCheckStoppedException($"it takes more than {InputLimits.MaxSchemaChecks:N0} checks");
        }

        if (time.GetElapsedTime(_started) > InputLimits.EvaluationTimeout)
        {
            throw new SchemaCheckStoppedException($"it takes longer than {InputLimits.EvaluationTimeout.TotalSeconds:0.#} s");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new SchemaCheckStoppedException("it nests too deep");
        }

        var errors = base.Validate(token, schema, schemaType, propertyName, propertyPath);
        keywords.Check(this, token, schema, schemaType, propertyName, propertyPath, errors);
        return errors;
    }
}
