namespace Harness.Bank;

/// <summary>Argon2id cost of new password hashes: memory in KiB and passes (parallelism is always 1).</summary>
public sealed record PasswordHashCost(int MemoryKib, int Passes)
{
    /// <summary>
    /// m = 7 MiB, t = 5, p = 1: one of the equivalent Argon2id settings of OWASP's Password Storage Cheat Sheet,
    /// and Keycloak's default since version 24 (the hash its sizing guide's 15 logins per second per vCPU were measured with).
    /// </summary>
    public static PasswordHashCost Recommended { get; } = new(7 * 1024, 5);

    /// <summary>libsodium's minimum (8 KiB, one pass): far too weak for real passwords, only for tests that open many customers.</summary>
    public static PasswordHashCost ForTests { get; } = new(8, 1);
}
