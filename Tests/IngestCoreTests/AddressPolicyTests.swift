import Testing
@testable import IngestCore

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", AddressClass.loopback), ("127.8.9.10", .loopback), ("::1", .loopback), ("[::1]", .loopback),
        ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.1.1", .private),
        ("100.64.0.1", .private), ("fd00::1", .private), ("fc12:3456::1", .private),
        ("169.254.169.254", .linkLocal), ("fe80::1", .linkLocal), ("fe80::1%eth0", .linkLocal),
        ("0.0.0.0", .unspecified), ("::", .unspecified), ("0.1.2.3", .unspecified),
        ("224.0.0.1", .multicast), ("ff02::1", .multicast), ("255.255.255.255", .reserved), ("2001:db8::1", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:169.254.169.254", .linkLocal), ("64:ff9b::a00:1", .private),
        ("2002:c0a8:0101::1", .private),
        ("::ffff:0:127.0.0.1", .loopback), ("::ffff:0:10.0.0.1", .private), ("::ffff:0:169.254.169.254", .linkLocal),
        ("::ffff:0:8.8.8.8", .public), ("::ffff:10.1.2.3", .private), ("::ffff:8.8.8.8", .public),
        ("64:ff9b::7f00:1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal), ("64:ff9b::808:808", .public),
        ("64:ff9b:1::a00:1", .private), ("64:ff9b:1:abcd::808:808", .private),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", .reserved), ("2001::1", .reserved),
        ("8.8.8.8", .public), ("172.32.0.1", .public), ("93.184.216.34", .public), ("2606:4700::1111", .public),
    ])
    func classifiesAddresses(_ text: String, _ expected: AddressClass) {
        #expect(AddressPolicy.classify(ipAddress: text) == expected)
    }

    @Test func namesAreUnknownExceptLocalhost() {
        #expect(AddressPolicy.classify(host: "example.com") == nil)
        #expect(AddressPolicy.classify(host: "LOCALHOST") == .loopback)
        #expect(AddressPolicy.classify(host: "app.localhost") == .loopback)
        #expect(AddressPolicy.classify(host: "10.0.0.7") == .private)
        #expect(AddressPolicy.classify(ipAddress: "not an ip") == nil)
    }
}
