using System.Collections.Concurrent;
using System.Reflection;

namespace Harness.Gherkin.Infrastructure;

/// <summary>The context-injection container (shaped like Reqnroll's BoDi): registered instances and types,
/// and any unregistered concrete class created on first use with its constructor's parameters resolved;
/// each object lives as long as the container, and disposable ones are disposed with it.</summary>
public interface IObjectContainer
{
    void RegisterInstanceAs<TInterface>(TInterface instance, bool dispose = false)
        where TInterface : class;

    void RegisterTypeAs<TType, TInterface>()
        where TType : class, TInterface;

    T Resolve<T>();

    object Resolve(Type type);

    bool IsRegistered<T>();
}

public sealed class ObjectContainer : IObjectContainer, IAsyncDisposable, IDisposable
{
    private readonly ObjectContainer? _parent;
    private readonly ConcurrentDictionary<Type, object> _instances = new();
    private readonly ConcurrentDictionary<Type, Type> _typeMappings = new();
    private readonly List<object> _ownedDisposables = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    public ObjectContainer(ObjectContainer? parent = null)
    {
        _parent = parent;
        _instances[typeof(IObjectContainer)] = this;
    }

    public void RegisterInstanceAs<TInterface>(TInterface instance, bool dispose = false)
        where TInterface : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instances[typeof(TInterface)] = instance;
        if (dispose)
        {
            lock (_gate)
            {
                _ownedDisposables.Add(instance);
            }
        }
    }

    public void RegisterTypeAs<TType, TInterface>()
        where TType : class, TInterface
        => _typeMappings[typeof(TInterface)] = typeof(TType);

    public bool IsRegistered<T>() => _instances.ContainsKey(typeof(T)) || _typeMappings.ContainsKey(typeof(T)) || (_parent?.IsRegistered<T>() ?? false);

    public T Resolve<T>() => (T)Resolve(typeof(T));

    public object Resolve(Type type) => Resolve(type, []);

    private object Resolve(Type type, List<Type> path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_instances.TryGetValue(type, out var existing))
        {
            return existing;
        }

        if (!_typeMappings.ContainsKey(type) && _parent is not null && _parent.HasOwn(type))
        {
            return _parent.Resolve(type, path);
        }

        lock (_gate)
        {
            if (_instances.TryGetValue(type, out existing))
            {
                return existing;
            }

            var implementation = _typeMappings.TryGetValue(type, out var mapped) ? mapped : type;
            if (path.Contains(implementation))
            {
                throw new ObjectContainerException(
                    $"循環する依存があります: {string.Join(" → ", path.Append(implementation).Select(t => t.Name))}");
            }

            var created = Create(implementation, [.. path, implementation]);
            _instances[type] = created;
            if (implementation != type)
            {
                _instances.TryAdd(implementation, created);
            }

            if (created is IDisposable or IAsyncDisposable)
            {
                _ownedDisposables.Add(created);
            }

            return created;
        }
    }

    private bool HasOwn(Type type) => _instances.ContainsKey(type) || _typeMappings.ContainsKey(type) || (_parent?.HasOwn(type) ?? false);

    private object Create(Type type, List<Type> path)
    {
        if (type.IsInterface || type.IsAbstract || type.IsPrimitive || type == typeof(string) || type.IsValueType)
        {
            throw new ObjectContainerException(
                $"型 {type.FullName} を解決できません: 登録されておらず、具象クラスでもありません。" +
                " [BeforeScenario] フックなどで ObjectContainer.RegisterInstanceAs で登録してください。");
        }

        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (constructors.Length == 0)
        {
            throw new ObjectContainerException($"型 {type.FullName} に public コンストラクターがありません。");
        }

        var constructor = constructors.OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Resolve(p.ParameterType, path)).ToArray();
        try
        {
            return constructor.Invoke(arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new ObjectContainerException($"型 {type.FullName} のコンストラクターが例外を投げました: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        object[] owned;
        lock (_gate)
        {
            owned = [.. _ownedDisposables];
            _ownedDisposables.Clear();
        }

        foreach (var item in owned.Reverse())
        {
            switch (item)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

public sealed class ObjectContainerException : Exception
{
    public ObjectContainerException(string message)
        : base(message)
    {
    }

    public ObjectContainerException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ObjectContainerException()
    {
    }
}
