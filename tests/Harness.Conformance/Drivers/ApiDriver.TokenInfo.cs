using Harness.Conformance.Support;

namespace Harness.Conformance.Drivers;

public sealed partial class ApiDriver
{
    public async Task<OtpApplicationTokenInfo> OtpApplicationTokenInfoAsync()
    {
        var reply = BankApi.Require(await api.GetAsync("/api/otp/", _session), "ワンタイムパスワード申請内容選択の表示");
        return new OtpApplicationTokenInfo(null, reply["serviceId"], reply["userId"]);
    }
}
