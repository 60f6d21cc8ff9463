/**
 * The end-of-run checks: reads back every topic and the database and compares them with the model;
 * counts each kind of violation and keeps the first few of each as readable findings.
 */
package io.tagprocessor.chaos.check;
