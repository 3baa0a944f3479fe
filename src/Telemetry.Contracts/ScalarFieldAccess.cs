using System.Collections.Concurrent;
using System.Linq.Expressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Telemetry.Contracts;

/// <summary>
/// Typed getters and setters of a generated message's singular scalar fields, compiled once per field and type.
/// <see cref="FieldDescriptor.Accessor"/> returns every value as an object, which boxes each number it reads: the
/// validator and the anonymizer read dozens of numbers of every report, so they read them through these instead.
/// </summary>
/// <remarks>Thread-safe; the delegates are cached for the life of the process (one per field of the contract).</remarks>
public static class ScalarFieldAccess
{
    private static readonly ConcurrentDictionary<(FieldDescriptor Field, Type Type), Delegate> Getters = new();
    private static readonly ConcurrentDictionary<(FieldDescriptor Field, Type Type), Delegate> Setters = new();

    /// <summary>
    /// A getter of <paramref name="field"/> that converts its value to <typeparamref name="T"/> (an <c>int32</c> field
    /// read as <see cref="long"/>, a <c>float</c> as <see cref="double"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The field is repeated, a map or a message, or its value does not convert.</exception>
    public static Func<IMessage, T> Getter<T>(FieldDescriptor field) =>
        (Func<IMessage, T>)Getters.GetOrAdd((field, typeof(T)), static key =>
        {
            var message = Expression.Parameter(typeof(IMessage), "message");
            var value = Expression.Convert(Expression.Property(Expression.Convert(message, key.Field.ContainingType.ClrType), Property(key.Field)), typeof(T));
            return Expression.Lambda<Func<IMessage, T>>(value, message).Compile();
        });

    /// <summary>A setter of <paramref name="field"/>, whose value type must be <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">The field is repeated, a map or a message, or its type is not <typeparamref name="T"/>.</exception>
    public static Action<IMessage, T> Setter<T>(FieldDescriptor field) =>
        (Action<IMessage, T>)Setters.GetOrAdd((field, typeof(T)), static key =>
        {
            var message = Expression.Parameter(typeof(IMessage), "message");
            var value = Expression.Parameter(typeof(T), "value");
            var property = Expression.Property(Expression.Convert(message, key.Field.ContainingType.ClrType), Property(key.Field));
            return Expression.Lambda<Action<IMessage, T>>(Expression.Assign(property, value), message, value).Compile();
        });

    private static System.Reflection.PropertyInfo Property(FieldDescriptor field)
    {
        if (field.IsRepeated || field.IsMap || field.FieldType is FieldType.Message or FieldType.Group)
        {
            throw new ArgumentException($"{field.FullName} is not a singular scalar field.", nameof(field));
        }

        return field.ContainingType.ClrType.GetProperty(field.PropertyName)
            ?? throw new ArgumentException($"{field.ContainingType.ClrType} has no property {field.PropertyName}.", nameof(field));
    }
}
