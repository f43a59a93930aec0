#!/usr/bin/perl
# SPDX-License-Identifier: BSD-2-Clause
# mkmmdb.pl - writes small MaxMind DB files for the tests with the real writer
# (Debian libmaxmind-db-writer-perl), so the real reader reads the real format.
#   mkmmdb.pl country OUT.mmdb   country.iso_code for the test networks
#   mkmmdb.pl asn OUT.mmdb       autonomous_system_number / _organization
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my ($kind, $out) = @ARGV;
die "usage: mkmmdb.pl country|asn OUT\n" unless $kind && $out;

# Public test networks and what the databases say about them.
my @nets = (
    ['1.0.16.0/24',   'CN', 4134,  'CHINANET-BACKBONE'],
    ['8.8.8.0/24',    'US', 15169, 'GOOGLE'],
    ['81.2.69.0/24',  'GB', 20712, 'Andrews & Arnold Ltd'],
    ['2001:4860::/32', 'US', 15169, 'GOOGLE'],
    ['2400:3200::/32', 'CN', 37963, 'Hangzhou Alibaba Advertising Co.,Ltd.'],
    # Private space is listed too: a correct reader never even asks for it.
    ['10.0.0.0/8',    'ZZ', 64512, 'PRIVATE-SHOULD-NOT-APPEAR'],
);

my %types = $kind eq 'country'
    ? (country => 'map', iso_code => 'utf8_string')
    : (autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string');

my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version            => 6,
    record_size           => 24,
    database_type         => $kind eq 'country' ? 'vendorsniff-Test-Country' : 'vendorsniff-Test-ASN',
    languages             => ['en'],
    description           => { en => 'vendorsniff test database' },
    map_key_type_callback => sub { $types{ $_[0] } },
    alias_ipv6_to_ipv4    => 1,
    remove_reserved_networks => 0,
);
for my $n (@nets) {
    my ($net, $cc, $asn, $org) = @$n;
    my $data = $kind eq 'country'
        ? { country => { iso_code => $cc } }
        : { autonomous_system_number => $asn, autonomous_system_organization => $org };
    $tree->insert_network($net, $data);
}
open my $fh, '>:raw', $out or die "$out: $!\n";
$tree->write_tree($fh);
close $fh;
