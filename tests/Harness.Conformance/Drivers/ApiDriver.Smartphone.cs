namespace Harness.Conformance.Drivers;

/// <summary>The API has one 利用登録 and one 利用停止, whatever screen a person starts from: the smartphone entrances are
/// the same calls (scenarios of the entrance itself are @ui).</summary>
public sealed partial class ApiDriver
{
    public Task<Outcome> RegisterVipFromSmartphoneAsync(string loginId, string password, string credentialId, string securityCode) =>
        RegisterVipAsync(loginId, password, credentialId, securityCode);

    public Task<Outcome> StopVipFromSmartphoneAsync(string loginId, string password, string securityCode) =>
        StopVipAsync(loginId, password, securityCode);
}
