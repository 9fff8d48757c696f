using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Harness.Gherkin.ErrorHandling;

namespace Harness.Gherkin.Bindings;

/// <summary>Converts a step's argument texts to the step method's parameter types, as Reqnroll's StepArgumentTypeConverter:
/// a [StepArgumentTransformation] for the type first, then enums by name, then the type's own parsing under the binding culture.</summary>
public sealed class ArgumentConverter(BindingRegistry registry)
{
    /// <summary>Whether <paramref name="value"/> can become <paramref name="target"/>, without running user code.</summary>
    public bool CanConvert(object value, Type target, CultureInfo culture)
    {
        if (target.IsInstanceOfType(value) || FindTransformation(value, target) is not null)
        {
            return true;
        }

        if (value is not string text)
        {
            return false;
        }

        try
        {
            ConvertSimple(text, target, culture);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or InvalidCastException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Converts, or throws <see cref="StepArgumentConversionException"/> naming the parameter, the value and the type.</summary>
    public async Task<object?> ConvertAsync(object value, ParameterInfo parameter, CultureInfo culture, Func<Type, object> resolve)
    {
        try
        {
            return await ConvertAsync(value, parameter.ParameterType, culture, resolve).ConfigureAwait(false);
        }
        catch (StepArgumentConversionException)
        {
            throw;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or InvalidCastException or NotSupportedException)
        {
            throw new StepArgumentConversionException(ErrorProvider.ConversionFailed(parameter, value, ex), ex);
        }
    }

    private async Task<object?> ConvertAsync(object value, Type target, CultureInfo culture, Func<Type, object> resolve)
    {
        if (FindTransformation(value, target) is { } transformation)
        {
            return await InvokeTransformationAsync(transformation, value, culture, resolve).ConfigureAwait(false);
        }

        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is string text)
        {
            return ConvertSimple(text, target, culture);
        }

        throw new InvalidCastException($"{value.GetType().Name} を {target.Name} に変換する [StepArgumentTransformation] がありません。");
    }

    private StepArgumentTransformationBinding? FindTransformation(object value, Type target) =>
        registry.Transformations.FirstOrDefault(t =>
            target.IsAssignableFrom(t.TargetType)
            && t.SourceType.IsInstanceOfType(value)
            && (t.Regex is null || (value is string s && t.Regex.IsMatch(s))));

    private async Task<object?> InvokeTransformationAsync(StepArgumentTransformationBinding transformation, object value, CultureInfo culture, Func<Type, object> resolve)
    {
        var parameters = transformation.Method.GetParameters();
        object?[] arguments;
        if (transformation.Regex is not null && value is string text)
        {
            var match = transformation.Regex.Match(text);
            var groups = match.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).Where(g => g.Success).Select(g => g.Value).ToList();
            if (groups.Count == 0)
            {
                groups.Add(text);
            }

            arguments = new object?[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                arguments[i] = i < groups.Count
                    ? await ConvertAsync(groups[i], parameters[i], culture, resolve).ConfigureAwait(false)
                    : null;
            }
        }
        else
        {
            arguments = [value];
        }

        var target = transformation.Method.IsStatic ? null : resolve(transformation.Method.DeclaringType!);
        try
        {
            var result = transformation.Method.Invoke(target, arguments);
            if (result is Task task)
            {
                await task.ConfigureAwait(false);
                return task.GetType().GetProperty("Result")?.GetValue(task);
            }

            return result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    internal static object? ConvertSimple(string text, Type target, CultureInfo culture)
    {
        if (target == typeof(string) || target == typeof(object))
        {
            return text;
        }

        if (Nullable.GetUnderlyingType(target) is { } inner)
        {
            return text.Length == 0 ? null : ConvertSimple(text, inner, culture);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, text.Replace(" ", string.Empty, StringComparison.Ordinal), ignoreCase: true);
        }

        if (target == typeof(Guid))
        {
            return Guid.Parse(text, culture);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(text, culture);
        }

        if (target == typeof(TimeSpan))
        {
            return TimeSpan.Parse(text, culture);
        }

        if (target == typeof(DateOnly))
        {
            return DateOnly.Parse(text, culture);
        }

        if (typeof(IConvertible).IsAssignableFrom(target))
        {
            return System.Convert.ChangeType(text, target, culture);
        }

        var converter = TypeDescriptor.GetConverter(target);
        if (converter.CanConvertFrom(typeof(string)))
        {
            return converter.ConvertFromString(null, culture, text);
        }

        throw new NotSupportedException($"{target.Name} への変換方法がありません。[StepArgumentTransformation] を書いてください。");
    }
}

public sealed class StepArgumentConversionException : Exception
{
    public StepArgumentConversionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StepArgumentConversionException()
    {
    }

    public StepArgumentConversionException(string message)
        : base(message)
    {
    }
}
