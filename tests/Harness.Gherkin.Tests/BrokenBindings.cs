using System.Reflection;
using System.Reflection.Emit;

namespace Harness.Gherkin.Tests;

/// <summary>A binding class with every kind of mistake, made at run time so that it is not part of this assembly
/// (whose bindings the NUnit-run features use and which must stay valid).</summary>
internal static class BrokenBindings
{
    public static Type Create()
    {
        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BrokenBindings"), AssemblyBuilderAccess.Run).DefineDynamicModule("BrokenBindings");
        var type = module.DefineType("Broken.BrokenSteps", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed);
        type.SetCustomAttribute(new CustomAttributeBuilder(typeof(BindingAttribute).GetConstructor(Type.EmptyTypes)!, []));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        Method(type, "BadRegex", typeof(void), [], typeof(GivenAttribute), @"壊れた (正規表現$", isStatic: false);
        Method(type, "TooFewParameters", typeof(void), [typeof(int)], typeof(GivenAttribute), "{int} と {int}", isStatic: false);
        Method(type, "UnknownParameterType", typeof(void), [typeof(string)], typeof(GivenAttribute), "{金額} 円", isStatic: false);
        Method(type, "NotStatic", typeof(void), [], typeof(BeforeFeatureAttribute), null, isStatic: false);
        Method(type, "ReturnsValue", typeof(int), [], typeof(GivenAttribute), "値を返す", isStatic: false);
        return type.CreateType();
    }

    private static void Method(TypeBuilder type, string name, Type returns, Type[] parameters, Type attribute, string? pattern, bool isStatic)
    {
        var method = type.DefineMethod(name, MethodAttributes.Public | (isStatic ? MethodAttributes.Static : 0), returns, parameters);
        var il = method.GetILGenerator();
        if (returns == typeof(int))
        {
            il.Emit(OpCodes.Ldc_I4_1);
        }

        il.Emit(OpCodes.Ret);
        var builder = attribute == typeof(BeforeFeatureAttribute)
            ? new CustomAttributeBuilder(attribute.GetConstructor([typeof(string[])])!, [Array.Empty<string>()])
            : new CustomAttributeBuilder(attribute.GetConstructor([typeof(string)])!, [pattern]);
        method.SetCustomAttribute(builder);
    }
}
