using Spectre.Console.Cli;

namespace PatternEngine.Cli;

/// <summary>The smallest type registrar Spectre.Console.Cli needs: instances, types and factories, resolved by constructor.</summary>
internal sealed class ServiceRegistrar : ITypeRegistrar, ITypeResolver
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);

    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        _factories[service] = () => lazy.Value;
    }

    public ITypeResolver Build() => this;

    // Spectre asks for optional services (help providers, interceptors) that are not registered: answer null.
    public object? Resolve(Type? type) => type switch
    {
        null => null,
        _ when _factories.TryGetValue(type, out var factory) => factory(),
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IEnumerable<>) =>
            Array.CreateInstance(type.GetGenericArguments()[0], 0),
        { IsAbstract: true } or { IsInterface: true } => null,
        _ => Create(type),
    };

    private object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray();
        return constructor.Invoke(arguments);
    }
}
