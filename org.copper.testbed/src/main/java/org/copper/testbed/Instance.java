package org.copper.testbed;

/**
 * One running copy of a service (a pod): its own loopback address, which stands for the pod's IP, so the
 * generated configuration's ports (the same in every pod) never clash on one machine.
 *
 * @param name    unique, usable as a cgroup name: the service, or service-version for a second version
 */
record Instance(String service, String version, String name, String address, boolean primary) {}
